package nl.zorgregels.tests.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.AlkFacts;
import nl.zorgregels.model.AlkOutcome;
import nl.zorgregels.model.AlkSeverity;
import nl.zorgregels.model.Assessment;
import nl.zorgregels.model.Centre;
import nl.zorgregels.model.CentreStatus;
import nl.zorgregels.model.ComplaintPattern;
import nl.zorgregels.model.CriterionStatus;
import nl.zorgregels.model.FunctionalLimitation;
import nl.zorgregels.model.Outcome;
import nl.zorgregels.model.Patient;
import nl.zorgregels.model.PostCovidFacts;
import nl.zorgregels.model.TreatmentPathway;

/**
 * The same criteria as the knowledge base, hand-coded in plain Java: the speed limit of an
 * implementation without a rules engine. Benchmark scope only; it computes the
 * {@link DecisionContent} (every status, outcome, centre, severity and option, the option texts in
 * English), not the full decision with its texts in two languages and facts, and keeps its own copy
 * of the knowledge (dates, allocations, the option catalogue) that the .drl files hold. Immutable
 * and thread-safe. {@code BaselineAgreementTest} checks it against the engine.
 */
public final class PlainJavaDecider {
    private static final int ADULT_AGE = 18;
    private static final Period ADULT_MINIMUM_DURATION = Period.ofYears(1);
    private static final Period CHILD_MINIMUM_DURATION = Period.ofMonths(6);
    private static final Period ALK_MINIMUM_DURATION = Period.ofMonths(3);
    private static final int ADULT_MAXIMUM_BELL_SCORE = 60;
    private static final int BELL_SCORE_NO_SYMPTOMS = 100;
    private static final LocalDate NATIONWIDE_ACCESS = LocalDate.of(2025, 5, 1);
    /** PC-R2: adult openings; null: open on every date. */
    private static final Map<Centre, LocalDate> ADULT_OPENING = new EnumMap<>(Centre.class);
    /** PC-R1: children's centres. */
    private static final Map<Centre, LocalDate> CHILD_OPENING = new EnumMap<>(Centre.class);
    /** PC-R4: interim allocation. */
    private static final Map<Centre, Centre> INTERIM = new EnumMap<>(Centre.class);

    static {
        ADULT_OPENING.put(Centre.MAASTRICHT_UMC, null);
        ADULT_OPENING.put(Centre.AMSTERDAM_UMC, null);
        ADULT_OPENING.put(Centre.ERASMUS_MC, null);
        ADULT_OPENING.put(Centre.LUMC, LocalDate.of(2025, 6, 1));
        ADULT_OPENING.put(Centre.UMCG, LocalDate.of(2025, 7, 1));
        ADULT_OPENING.put(Centre.RADBOUDUMC, LocalDate.of(2025, 9, 1));
        ADULT_OPENING.put(Centre.UMC_UTRECHT, LocalDate.of(2025, 9, 1));
        CHILD_OPENING.put(Centre.AMSTERDAM_UMC, LocalDate.of(2025, 2, 1));
        CHILD_OPENING.put(Centre.MAASTRICHT_UMC, LocalDate.of(2025, 2, 1));
        CHILD_OPENING.put(Centre.UMC_UTRECHT, LocalDate.of(2025, 2, 1));
        INTERIM.put(Centre.UMCG, Centre.AMSTERDAM_UMC);
        INTERIM.put(Centre.LUMC, Centre.ERASMUS_MC);
        INTERIM.put(Centre.UMC_UTRECHT, Centre.AMSTERDAM_UMC);
        INTERIM.put(Centre.RADBOUDUMC, Centre.MAASTRICHT_UMC);
    }

    /** ALK-T: the options of the card in card order, with their column (null: every column). */
    private record Option(String id, AlkSeverity column) {
    }

    private static final List<Option> OPTIONS = List.of(
            new Option("HUISARTS_POH_GGZ", AlkSeverity.MILD), new Option("FYSIOTHERAPIE", AlkSeverity.MILD),
            new Option("PSYCHOSOMATISCHE_FYSIOTHERAPIE", AlkSeverity.MILD), new Option("OEFENTHERAPIE", AlkSeverity.MILD),
            new Option("PSYCHOSOMATISCHE_OEFENTHERAPIE", AlkSeverity.MILD), new Option("ERGOTHERAPIE", AlkSeverity.MILD),
            new Option("DIETETIEK", AlkSeverity.MILD), new Option("LOGOPEDIE", AlkSeverity.MILD),
            new Option("PSYCHOMOTORISCHE_THERAPIE", AlkSeverity.MILD), new Option("SOCIAAL_DOMEIN", AlkSeverity.MILD),
            new Option("BASIS_GGZ", AlkSeverity.MODERATE), new Option("SPECIALISTISCHE_GGZ", AlkSeverity.MODERATE),
            new Option("MEDISCHE_PSYCHOLOGIE", AlkSeverity.MODERATE), new Option("PIJNPOLI", AlkSeverity.MODERATE),
            new Option("MEDISCH_SPECIALISTISCHE_REVALIDATIE", AlkSeverity.SEVERE),
            new Option("MULTIDISCIPLINAIRE_SPECIALISTISCHE_GGZ", AlkSeverity.SEVERE),
            new Option("HOOGSPECIALISTISCHE_GGZ", AlkSeverity.SEVERE), new Option("MEDISCH_SPECIALIST", null));

    private final Properties en = new Properties();
    /** The English option texts of {@code alk-options.csv}: by option id, by column name. */
    private final java.util.Map<String, java.util.Map<String, String>> optionTexts = new java.util.HashMap<>();

    /** Reads the English bundle and option table of the packaged knowledge base (for the texts). */
    public PlainJavaDecider() {
        try (InputStream in = PlainJavaDecider.class.getResourceAsStream("/nl/zorgregels/kb/messages_en.properties")) {
            if (in == null) {
                throw new IllegalStateException("messages_en.properties is not on the class path");
            }
            en.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (InputStream in = PlainJavaDecider.class.getResourceAsStream("/nl/zorgregels/kb/alk-options.csv")) {
            if (in == null) {
                throw new IllegalStateException("alk-options.csv is not on the class path");
            }
            List<String> header = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> fields = csvFields(line);
                if (header == null) {
                    header = fields;
                    continue;
                }
                java.util.Map<String, String> row = new java.util.HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), fields.get(i));
                }
                optionTexts.put(row.get("id"), row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fields of a CSV line: a field may be quoted, a quote inside written twice. */
    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** The English text of an option: {@code text} is referral or reimbursement; a youth text left empty is the adult one. */
    private String optionText(String id, String text, String variant) {
        java.util.Map<String, String> row = optionTexts.get(id);
        if (row == null) {
            throw new IllegalStateException("option " + id + " is not in alk-options.csv");
        }
        String youth = row.get("youth" + Character.toUpperCase(text.charAt(0)) + text.substring(1) + "En");
        return variant.equals("youth") && youth != null && !youth.isEmpty() ? youth : row.get(text + "En");
    }

    /**
     * @param a the assessment
     * @return what the knowledge base decides for it
     */
    public DecisionContent decide(Assessment a) {
        LocalDate date = a.assessmentDate();
        Patient patient = a.patient();
        boolean adult = ChronoUnit.YEARS.between(patient.birthDate(), date) >= ADULT_AGE;
        Map<String, CriterionStatus> criteria = new TreeMap<>();
        TreeSet<String> missing = new TreeSet<>();
        Outcome outcome = null;
        CentreStatus centreStatus = null;
        List<Centre> centres = List.of();
        String centreRule = null;
        LocalDate availableFrom = null;
        List<String> centreNotes = List.of();
        List<String> notes = List.of();
        PostCovidFacts pc = a.postCovid();
        if (pc != null) {
            postCovidCriteria(pc, patient, date, adult, criteria, missing);
            outcome = outcome(criteria);
            List<String> n = new ArrayList<>();
            if (outcome == Outcome.NOT_ELIGIBLE) {
                n.add("PC-N7");
                if (criteria.get("PC-X1") == CriterionStatus.NOT_MET) {
                    n.add("PC-N8");
                }
            } else {
                n.addAll(List.of("PC-N1", "PC-N2", "PC-N4", "PC-N5", "PC-N6"));
            }
            LocalDate adultFrom = patient.birthDate().plusYears(ADULT_AGE);
            if (ChronoUnit.YEARS.between(patient.birthDate(), adultFrom) < ADULT_AGE) {
                adultFrom = adultFrom.plusDays(1);
            }
            if (!adult && !adultFrom.isAfter(date.plusMonths(6))) {
                n.add("PC-N3");
            }
            java.util.Collections.sort(n);
            notes = List.copyOf(n);
            if (outcome == Outcome.NOT_ELIGIBLE && pc.currentCentre() != null) {
                centreStatus = CentreStatus.OFFERED;
                centres = List.of(pc.currentCentre());
                centreRule = "PC-R6";
                centreNotes = List.of("PC-R6");
            }
            if (outcome != Outcome.NOT_ELIGIBLE) {
                Centre region = patient.umcRegion();
                if (pc.currentCentre() != null) {
                    centreStatus = CentreStatus.OFFERED;
                    centres = List.of(pc.currentCentre());
                    centreRule = "PC-R6";
                    centreNotes = List.of("PC-R6");
                } else if (adult) {
                    centreRule = "PC-R3";
                    if (region == null) {
                        centreStatus = CentreStatus.UNKNOWN;
                    } else if (openOn(ADULT_OPENING, region, date)) {
                        centreStatus = CentreStatus.OFFERED;
                        centres = List.of(region);
                    } else if (!NATIONWIDE_ACCESS.isAfter(date)) {
                        centreStatus = CentreStatus.OFFERED;
                        centres = List.of(INTERIM.get(region));
                        centreRule = "PC-R4";
                        centreNotes = List.of("PC-R7");
                    } else {
                        centreStatus = CentreStatus.NONE_YET;
                        availableFrom = NATIONWIDE_ACCESS;
                        centreRule = "PC-R5";
                    }
                } else {
                    centreRule = "PC-R1";
                    if (region == null) {
                        centreStatus = CentreStatus.UNKNOWN;
                    } else if (openOn(CHILD_OPENING, region, date)) {
                        centreStatus = CentreStatus.OFFERED;
                        centres = List.of(region);
                        centreNotes = List.of("PC-R8");
                    } else {
                        List<Centre> open = new ArrayList<>(3);
                        LocalDate first = null;
                        for (Map.Entry<Centre, LocalDate> e : CHILD_OPENING.entrySet()) { // Centre order
                            if (openOn(CHILD_OPENING, e.getKey(), date)) {
                                open.add(e.getKey());
                            }
                            first = first == null || e.getValue().isBefore(first) ? e.getValue() : first;
                        }
                        if (!open.isEmpty()) {
                            centreStatus = CentreStatus.OFFERED;
                            centres = open;
                            centreNotes = List.of("PC-R8");
                        } else {
                            centreStatus = CentreStatus.NONE_YET;
                            availableFrom = first;
                        }
                    }
                }
            }
        }
        AlkOutcome alkOutcome = null;
        AlkSeverity severity = null;
        TreeSet<String> alkMissing = new TreeSet<>();
        List<String> options = new ArrayList<>();
        List<String> warnings = List.of();
        List<String> alkNotes = List.of();
        AlkFacts alk = a.alk();
        if (alk != null) {
            CriterionStatus d1 = alkApplicability(alk, date, alkMissing);
            criteria.put("ALK-D1", d1);
            alkOutcome = d1 == CriterionStatus.MET ? AlkOutcome.APPLICABLE
                    : d1 == CriterionStatus.NOT_MET ? AlkOutcome.NOT_APPLICABLE : AlkOutcome.INSUFFICIENT_DATA;
            if (alkOutcome != AlkOutcome.NOT_APPLICABLE) {
                severity = severity(alk, alkMissing);
            }
            if (alkOutcome == AlkOutcome.APPLICABLE && severity != AlkSeverity.UNKNOWN) {
                String variant = adult ? "adult" : "youth";
                for (Option o : OPTIONS) {
                    boolean primary = o.column() == null || o.column() == severity;
                    if (primary || o.column().compareTo(severity) < 0) {
                        List<String> optionNotes = List.of();
                        if (o.id().equals("HOOGSPECIALISTISCHE_GGZ")) {
                            boolean indicated = Boolean.TRUE.equals(alk.previousGgzTreatmentWithoutEffect())
                                    || Boolean.TRUE.equals(alk.comorbidityToAccountFor());
                            optionNotes = List.of("ALK-H1: " + text(indicated ? "ALK-H1.indicated" : "ALK-H1.when"));
                        }
                        options.add(DecisionContent.option(o.id(), primary,
                                optionText(o.id(), "referral", variant),
                                optionText(o.id(), "reimbursement", variant), optionNotes));
                    }
                }
            }
            warnings = Boolean.TRUE.equals(alk.meCvsOrPem()) ? List.of("ALK-W1") : List.of();
            alkNotes = alkOutcome == AlkOutcome.APPLICABLE ? List.of("ALK-N1")
                    : alk.complaintOnsetDate() != null && alk.complaintOnsetDate().plusMonths(3).isAfter(date)
                    ? List.of("ALK-N2") : List.of();
        }
        return new DecisionContent(pc == null ? null : adult ? AgeGroup.ADULT : AgeGroup.CHILD, outcome, criteria,
                List.copyOf(missing), centreStatus, centres, centreRule, availableFrom, centreNotes, notes, alkOutcome,
                severity, List.copyOf(alkMissing), options, warnings, alkNotes);
    }

    /** The post-COVID criteria (PC-G2, PC-X1, PC-X2 and PC-A1..5 or PC-C1..5). */
    static void postCovidCriteria(PostCovidFacts pc, Patient patient, LocalDate date, boolean adult,
                                  Map<String, CriterionStatus> criteria, TreeSet<String> missing) {
        criteria.put("PC-G2", yesNo(pc.otherCausesInvestigated(), true, "postCovid.otherCausesInvestigated", missing));
        criteria.put("PC-X1", pc.otherPais() == null || pc.otherPais().isEmpty()
                ? CriterionStatus.MET : CriterionStatus.NOT_MET);
        Boolean gp = patient.dutchGeneralPractitioner();
        Boolean insurer = patient.dutchHealthInsurance();
        if (Boolean.FALSE.equals(gp) || Boolean.FALSE.equals(insurer)) {
            criteria.put("PC-X2", CriterionStatus.NOT_MET);
        } else if (gp == null || insurer == null) {
            criteria.put("PC-X2", CriterionStatus.UNKNOWN);
            if (gp == null) {
                missing.add("patient.dutchGeneralPractitioner");
            }
            if (insurer == null) {
                missing.add("patient.dutchHealthInsurance");
            }
        } else {
            criteria.put("PC-X2", CriterionStatus.MET);
        }
        String p = adult ? "PC-A" : "PC-C";
        criteria.put(p + "1", yesNo(pc.complaintsAttributedToCovid(), true, "postCovid.complaintsAttributedToCovid", missing));
        LocalDate onset = pc.complaintOnsetDate();
        if (onset == null) {
            criteria.put(p + "2", CriterionStatus.UNKNOWN);
            missing.add("postCovid.complaintOnsetDate");
        } else {
            boolean reached = !onset.plus(adult ? ADULT_MINIMUM_DURATION : CHILD_MINIMUM_DURATION).isAfter(date);
            criteria.put(p + "2", reached ? CriterionStatus.MET : CriterionStatus.NOT_MET);
        }
        Integer bell = pc.bellScore();
        if (adult) {
            if (bell == null) {
                criteria.put("PC-A3", CriterionStatus.UNKNOWN);
                missing.add("postCovid.bellScore");
            } else {
                criteria.put("PC-A3", bell <= ADULT_MAXIMUM_BELL_SCORE ? CriterionStatus.MET : CriterionStatus.NOT_MET);
            }
        } else if (pc.reducedFunctioning() != null) {
            criteria.put("PC-C3", pc.reducedFunctioning() ? CriterionStatus.MET : CriterionStatus.NOT_MET);
        } else if (bell != null) {
            criteria.put("PC-C3", bell < BELL_SCORE_NO_SYMPTOMS ? CriterionStatus.MET : CriterionStatus.NOT_MET);
        } else {
            criteria.put("PC-C3", CriterionStatus.UNKNOWN);
            missing.add("postCovid.bellScore");
            missing.add("postCovid.reducedFunctioning");
        }
        criteria.put(p + "4", yesNo(pc.complaintsFromPreExistingDisease(), false,
                "postCovid.complaintsFromPreExistingDisease", missing));
        TreatmentPathway pathway = pc.treatmentPathway();
        if (pathway == null) {
            criteria.put(p + "5", CriterionStatus.UNKNOWN);
            missing.add("postCovid.treatmentPathway");
        } else {
            criteria.put(p + "5", pathway == TreatmentPathway.COMPLETED
                    || pathway == TreatmentPathway.NOT_POSSIBLE_DUE_TO_SEVERITY ? CriterionStatus.MET : CriterionStatus.NOT_MET);
        }
    }

    /** CONTRACT.md §1: not eligible when one criterion is not met, else insufficient data when one is unknown. */
    static Outcome outcome(Map<String, CriterionStatus> criteria) {
        boolean unknown = false;
        for (CriterionStatus s : criteria.values()) {
            if (s == CriterionStatus.NOT_MET) {
                return Outcome.NOT_ELIGIBLE;
            }
            unknown |= s == CriterionStatus.UNKNOWN;
        }
        return unknown ? Outcome.INSUFFICIENT_DATA : Outcome.ELIGIBLE;
    }

    private static CriterionStatus yesNo(Boolean value, boolean wanted, String path, TreeSet<String> missing) {
        if (value == null) {
            missing.add(path);
            return CriterionStatus.UNKNOWN;
        }
        return value == wanted ? CriterionStatus.MET : CriterionStatus.NOT_MET;
    }

    private static boolean openOn(Map<Centre, LocalDate> openings, Centre centre, LocalDate date) {
        if (!openings.containsKey(centre)) {
            return false;
        }
        LocalDate from = openings.get(centre);
        return from == null || !from.isAfter(date);
    }

    private static CriterionStatus alkApplicability(AlkFacts alk, LocalDate date, TreeSet<String> missing) {
        LocalDate onset = alk.complaintOnsetDate();
        Boolean limits = alk.limitsFunctioningOrCausesSuffering();
        if (onset != null && onset.plus(ALK_MINIMUM_DURATION).isAfter(date)) {
            return CriterionStatus.NOT_MET;
        }
        if (Boolean.FALSE.equals(limits)) {
            return CriterionStatus.NOT_MET;
        }
        if (onset == null || limits == null) {
            if (onset == null) {
                missing.add("alk.complaintOnsetDate");
            }
            if (limits == null) {
                missing.add("alk.limitsFunctioningOrCausesSuffering");
            }
            return CriterionStatus.UNKNOWN;
        }
        return CriterionStatus.MET;
    }

    private static AlkSeverity severity(AlkFacts alk, TreeSet<String> missing) {
        AlkSeverity pattern = alk.complaintPattern() == null ? null : level(alk.complaintPattern());
        AlkSeverity limitation = alk.functionalLimitation() == null ? null : level(alk.functionalLimitation());
        if (pattern != null && limitation != null) {
            return pattern.compareTo(limitation) >= 0 ? pattern : limitation;
        }
        if (pattern == AlkSeverity.SEVERE || limitation == AlkSeverity.SEVERE) {
            return AlkSeverity.SEVERE;
        }
        if (pattern == null) {
            missing.add("alk.complaintPattern");
        }
        if (limitation == null) {
            missing.add("alk.functionalLimitation");
        }
        return AlkSeverity.UNKNOWN;
    }

    private static AlkSeverity level(ComplaintPattern p) {
        return switch (p) {
            case ONE_OR_FEW -> AlkSeverity.MILD;
            case MULTIPLE -> AlkSeverity.MODERATE;
            case SEVERE -> AlkSeverity.SEVERE;
        };
    }

    private static AlkSeverity level(FunctionalLimitation l) {
        return switch (l) {
            case LIGHT -> AlkSeverity.MILD;
            case MODERATE -> AlkSeverity.MODERATE;
            case SEVERE -> AlkSeverity.SEVERE;
        };
    }

    private String text(String key) {
        String t = en.getProperty(key);
        if (t == null) {
            throw new IllegalStateException("no message " + key);
        }
        return t;
    }
}
