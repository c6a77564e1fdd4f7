package nl.zorgregels.api.internal.kb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import nl.zorgregels.api.KnowledgeBaseException;
import nl.zorgregels.api.Requirement;
import nl.zorgregels.api.RuleInfo;
import nl.zorgregels.kb.fact.DecisionPart;
import nl.zorgregels.kb.fact.ExpectedCriterion;
import nl.zorgregels.model.AgeGroup;
import nl.zorgregels.model.KnowledgeBaseInfo;
import org.drools.model.Model;
import org.drools.model.codegen.ExecutableModelProject;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/** A compiled knowledge base with its messages and identity. Immutable and thread-safe. */
public final class KnowledgeBase {
    public static final String RESOURCE_ROOT = "nl/zorgregels/kb/";
    /** Where the rules-kb build keeps the exact rule sources, their list and the KB version. */
    public static final String SOURCES_ROOT = "META-INF/zorgregels/";
    private static final String KIE_BASE = "zorgregels";
    /** The executable-model classes of rules-kb, listed by the kie-maven-plugin (META-INF/kie/GROUP/ARTIFACT/drools-model). */
    public static final String MODEL_LIST = "META-INF/kie/nl.zorgregels/rules-kb/drools-model";
    private static final java.util.regex.Pattern LINE_COLUMN = java.util.regex.Pattern.compile("[Ll]ine (\\d+):(\\d+)");

    public final KieBase kieBase;
    public final Messages messages;
    public final KnowledgeBaseInfo info;
    /** The requirements list ({@code requirements.json}), in file order. */
    public final List<Requirement> requirements;
    /** Every rule with its file and line, as {@link RuleMetadata#check} found it, and every table row. */
    public final List<RuleInfo> rules;
    /** The knowledge tables ({@code *.csv}). */
    public final KbTables tables;
    /** The parameters table ({@code parameters.csv}): thresholds, durations and dates, dated. */
    public final KbParameters parameters;
    /** The kinds of other PAIS ({@code other-pais.csv}), which the input is checked against when deciding. */
    public final OtherPaisTable otherPais;
    /** Which codes of a FHIR record give which input fact ({@code codes.csv}). */
    public final CodeTable codes;
    /** The criteria each part and age group must decide exactly once ({@code decisions} of requirements.json). */
    public final Map<DecisionPart, Map<AgeGroup, List<String>>> expected;
    /** The facts every session starts with: the table rows, the parameters and the expected criteria. */
    public final List<Object> knowledgeFacts;

    private KnowledgeBase(KieBase kieBase, Messages messages, KnowledgeBaseInfo info, List<Requirement> requirements,
                          List<RuleInfo> drlRules, KbTables tables, KbParameters parameters, OtherPaisTable otherPais,
                          CodeTable codes, Map<DecisionPart, Map<AgeGroup, List<String>>> expected) {
        this.kieBase = kieBase;
        this.messages = messages;
        this.info = info;
        this.requirements = requirements;
        List<RuleInfo> all = new ArrayList<>(drlRules);
        all.addAll(tables.rows);
        all.addAll(parameters.rows);
        all.sort(java.util.Comparator.comparing(RuleInfo::file).thenComparingInt(RuleInfo::line));
        this.rules = List.copyOf(all);
        this.tables = tables;
        this.parameters = parameters;
        this.otherPais = otherPais;
        this.codes = codes;
        this.expected = expected;
        List<Object> facts = new ArrayList<>(tables.facts);
        facts.addAll(parameters.facts);
        expected.forEach((part, byGroup) -> byGroup.forEach((group, ids) ->
                ids.forEach(id -> facts.add(new ExpectedCriterion(part, group, id)))));
        this.knowledgeFacts = List.copyOf(facts);
    }

    /** Whether a file belongs to the knowledge-base sources (the same selection as the rules-kb build's). */
    public static boolean isSource(String fileName) {
        return fileName.endsWith(".drl") || fileName.endsWith(".properties") || fileName.endsWith(".csv")
                || fileName.equals(Requirements.FILE);
    }

    /** The tables, the decisions list and the rule check, on sources whose rules are compiled. */
    private static KnowledgeBase assemble(KieBase kieBase, Messages messages, KbParameters parameters,
                                          KnowledgeBaseInfo info, Map<String, byte[]> contents, String where,
                                          java.util.function.Function<String, String> display) {
        List<Requirement> requirements = requirements(contents, where, display);
        String requirementsPath = single(contents, where, Requirements.FILE);
        Map<DecisionPart, Map<AgeGroup, List<String>>> expected = Requirements.decisions(contents.get(requirementsPath),
                display.apply(requirementsPath), requirements);
        Map<String, String> tablePaths = new LinkedHashMap<>();
        for (String table : KbTables.FILES) {
            tablePaths.put(table, single(contents, where, table));
        }
        KbTables tables = KbTables.read(tablePaths, contents, requirements, display);
        parameters.checkRead(contents, display);
        Map<String, String> tableOptions = new LinkedHashMap<>();
        for (RuleInfo row : tables.rows) {
            if (row.file().equals(tablePaths.get(KbTables.ALK_OPTIONS))) {
                tableOptions.put(row.name().substring(row.name().lastIndexOf(' ') + 1),
                        display.apply(row.file()) + ":" + row.line());
            }
        }
        java.util.Set<Class<?>> inputTypes = new java.util.LinkedHashSet<>(RuleMetadata.caseTypes());
        tables.facts.forEach(fact -> inputTypes.add(fact.getClass()));
        parameters.facts.forEach(fact -> inputTypes.add(fact.getClass()));
        inputTypes.add(ExpectedCriterion.class);
        List<RuleInfo> rules = RuleMetadata.check(kieBase, messages, contents, requirements, tableOptions, inputTypes,
                display);
        // after the rules' check: a requirement taken off the list is named first by the rules that cite it
        String otherPaisPath = single(contents, where, OtherPaisTable.FILE);
        OtherPaisTable otherPais = OtherPaisTable.read(otherPaisPath, contents.get(otherPaisPath), requirements, messages,
                display);
        String codesPath = single(contents, where, CodeTable.FILE);
        CodeTable codes = CodeTable.read(display.apply(codesPath), contents.get(codesPath), requirements);
        return new KnowledgeBase(kieBase, messages, info, requirements, rules, tables, parameters, otherPais, codes,
                expected);
    }

    /** The knowledge base packaged in the rules-kb jar on the class path. */
    public static KnowledgeBase packaged() {
        ClassLoader loader = KnowledgeBase.class.getClassLoader();
        String version = readText(loader, SOURCES_ROOT + "kb-version.txt").strip();
        List<String> sources = readText(loader, SOURCES_ROOT + "kb-sources.txt").lines()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (String source : sources) {
            contents.put(source, readBytes(loader, SOURCES_ROOT + "kb-sources/" + source));
        }
        KnowledgeBaseInfo info = new KnowledgeBaseInfo(version, checksum(contents));
        KieBase kieBase = loadModels(loader);
        String where = "the packaged knowledge base";
        KbParameters parameters = parameters(contents, where, path -> path);
        BundleCheck.check(bundle(contents, where, "messages_nl.properties"), "messages_nl.properties",
                bundle(contents, where, "messages_en.properties"), "messages_en.properties", parameters.names());
        Messages messages = messages(contents, where, parameters);
        return assemble(kieBase, messages, parameters, info, contents, where, path -> path);
    }

    /**
     * Builds the KieBase from the executable model classes the rules-kb build generated, named in
     * its {@code drools-model} file. Equivalent to {@code KieServices.newKieClasspathContainer()
     * .getKieBase("zorgregels")} (the kmodule.xml's base has the default runtime options, which a
     * test checks) without scanning the class path and parsing kmodule.xml and the pom: measured at
     * a third of the time for a build in a running JVM, and less than half for the first one.
     */
    private static KieBase loadModels(ClassLoader loader) {
        List<Model> models = new ArrayList<>();
        for (String line : readText(loader, MODEL_LIST).lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.contains(":")) {
                continue; // the Drools-Model-Version header
            }
            try {
                models.add((Model) Class.forName(line, true, loader).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                throw new KnowledgeBaseException("the packaged knowledge base cannot be loaded: rule model " + line
                        + ": " + e, e);
            }
        }
        if (models.isEmpty()) {
            throw new KnowledgeBaseException("the packaged knowledge base cannot be loaded: " + MODEL_LIST
                    + " names no rule model");
        }
        try {
            return KieBaseBuilder.createKieBaseFromModel(models);
        } catch (RuntimeException e) {
            throw new KnowledgeBaseException("the packaged knowledge base cannot be loaded: " + e.getMessage(), e);
        }
    }

    /**
     * A knowledge base built from the {@code .drl} files and message bundles below a directory with
     * the layout of {@code rules-kb/src/main/resources} (searched recursively). A {@code .drl} is
     * code: its consequences run Java in this process, so only load rules from authors you trust.
     *
     * @param dir the directory
     * @return the knowledge base; never one that is partly built
     * @throws KnowledgeBaseException listing every compile error with file, line and column, every
     *                                problem {@link RuleMetadata} finds, or naming the missing or
     *                                unreadable file
     */
    /**
     * The Drools compiler an embedder of the packaged knowledge base does not get (rules-api declares
     * it optional: rules-api/README.md, "What an embedder gets"): compiling from a directory needs it.
     */
    private static final List<String> COMPILER = List.of("org.drools.model.codegen.ExecutableModelProject",
            "org.drools.ecj.EclipseJavaCompiler", "org.eclipse.jdt.internal.compiler.Compiler",
            "com.github.javaparser.JavaParser", "org.drools.xml.support.XMLSupportImpl");

    private static void requireCompiler() {
        for (String name : COMPILER) {
            try {
                Class.forName(name, false, KnowledgeBase.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new KnowledgeBaseException("compiling a knowledge base from a directory needs Drools' compiler,"
                        + " which is not on the class path (" + name + " is missing): add org.drools:drools-model-codegen,"
                        + " org.drools:drools-ecj and org.drools:drools-xml-support (optional dependencies of rules-api, in the"
                        + " command line's lib/), or decide with the packaged knowledge base (ZorgregelsEngine.packaged())");
            }
        }
    }

    public static KnowledgeBase fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new KnowledgeBaseException(dir + ": not a directory");
        }
        requireCompiler();
        Map<String, byte[]> contents = new TreeMap<>(); // by path, as the packaged list
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (isSource(name)) {
                    contents.put(dir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new KnowledgeBaseException(dir + ": cannot be read: " + e.getMessage(), e);
        }
        if (contents.keySet().stream().noneMatch(k -> k.endsWith(".drl"))) {
            throw new KnowledgeBaseException(dir + ": no .drl files found");
        }
        KnowledgeBaseInfo info = new KnowledgeBaseInfo("local:" + dir.toAbsolutePath().normalize(), checksum(contents));
        java.util.function.Function<String, String> display = path -> dir.resolve(path).toString();
        KieBase kieBase = compile(dir, contents); // compile errors first: what an author needs most
        KbParameters parameters = parameters(contents, dir.toString(), display);
        checkBundles(dir, contents, parameters);
        Messages messages = messages(contents, dir.toString(), parameters);
        return assemble(kieBase, messages, parameters, info, contents, dir.toString(), display);
    }

    /** The requirements list among the sources: the same bytes the checksum covers. */
    private static List<Requirement> requirements(Map<String, byte[]> contents, String where,
                                                  java.util.function.Function<String, String> display) {
        String path = single(contents, where, Requirements.FILE);
        return Requirements.parse(contents.get(path), display.apply(path));
    }

    /** The parameters table among the sources, checked against the requirements. */
    private static KbParameters parameters(Map<String, byte[]> contents, String where,
                                           java.util.function.Function<String, String> display) {
        String path = single(contents, where, KbParameters.FILE);
        return KbParameters.read(path, contents.get(path), requirements(contents, where, display), display);
    }

    /** {@link BundleCheck} on the bundles of a directory, naming them by their full paths. */
    private static void checkBundles(Path dir, Map<String, byte[]> contents, KbParameters parameters) {
        String nl = bundlePath(contents, dir.toString(), "messages_nl.properties");
        String en = bundlePath(contents, dir.toString(), "messages_en.properties");
        BundleCheck.check(contents.get(nl), dir.resolve(nl).toString(), contents.get(en), dir.resolve(en).toString(),
                parameters.names());
    }

    private static String bundlePath(Map<String, byte[]> contents, String where, String name) {
        bundle(contents, where, name); // exactly one, or the error
        return contents.keySet().stream().filter(k -> k.equals(name) || k.endsWith("/" + name)).findFirst().orElseThrow();
    }

    /** The message bundles among the sources: the same bytes the checksum covers. */
    private static Messages messages(Map<String, byte[]> contents, String where, KbParameters parameters) {
        return Messages.fromBytes(bundle(contents, where, "messages_nl.properties"), "messages_nl.properties",
                bundle(contents, where, "messages_en.properties"), "messages_en.properties", parameters);
    }

    private static byte[] bundle(Map<String, byte[]> contents, String where, String name) {
        return contents.get(single(contents, where, name));
    }

    /** The path of the one source file called {@code name}. */
    private static String single(Map<String, byte[]> contents, String where, String name) {
        List<String> found = contents.keySet().stream().filter(k -> k.equals(name) || k.endsWith("/" + name)).toList();
        if (found.size() != 1) {
            throw new KnowledgeBaseException(where + ": expected exactly one " + name + " but found " + found.size()
                    + (found.isEmpty() ? "" : " " + found));
        }
        return found.get(0);
    }

    /**
     * Compiled rules by the checksum of the {@code .drl} files and kmodule.xml they came from, so that
     * an edit of a bundle or a table (or the same rules in another directory) does not compile the
     * rules again. A KieBase is immutable and shared safely by engines; a few are kept.
     */
    private static final Map<String, KieBase> COMPILED = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, KieBase> eldest) {
                    return size() > 4;
                }
            });

    /** Compiles the rules (or takes them compiled from {@link #COMPILED}); all or nothing. */
    private static KieBase compile(Path dir, Map<String, byte[]> contents) {
        Map<String, byte[]> rulesOnly = new TreeMap<>();
        contents.forEach((path, bytes) -> {
            if (path.endsWith(".drl")) {
                rulesOnly.put(path, bytes);
            }
        });
        Path kmoduleFile = dir.resolve("META-INF/kmodule.xml");
        try {
            rulesOnly.put("META-INF/kmodule.xml", Files.isRegularFile(kmoduleFile) ? Files.readAllBytes(kmoduleFile)
                    : new byte[0]);
        } catch (IOException e) {
            throw new KnowledgeBaseException(kmoduleFile + ": cannot be read: " + e.getMessage(), e);
        }
        String key = checksum(rulesOnly);
        KieBase cached = COMPILED.get(key);
        if (cached != null) {
            return cached;
        }
        KieBase compiled = compileNow(dir, contents);
        COMPILED.put(key, compiled);
        return compiled;
    }

    /** Compiles the rules to the executable model, with the packaged KB's settings; all or nothing. */
    private static KieBase compileNow(Path dir, Map<String, byte[]> contents) {
        KieServices ks = KieServices.get();
        ReleaseId releaseId = ks.newReleaseId("nl.zorgregels", "rules-kb-local", "0-" + UUID.randomUUID());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        Path kmodule = dir.resolve("META-INF/kmodule.xml");
        try {
            kfs.writeKModuleXML(Files.isRegularFile(kmodule) ? Files.readString(kmodule)
                    : readText(KnowledgeBase.class.getClassLoader(), "META-INF/kmodule.xml"));
        } catch (IOException e) {
            throw new KnowledgeBaseException(kmodule + ": cannot be read: " + e.getMessage(), e);
        }
        for (Map.Entry<String, byte[]> e : contents.entrySet()) {
            if (e.getKey().endsWith(".drl")) {
                kfs.write("src/main/resources/" + e.getKey(), e.getValue());
            }
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<String> errors = new ArrayList<>();
        CompileErrors describe = new CompileErrors(contents, path -> dir.resolve(path).toString());
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            String path = m.getPath() == null ? "" : m.getPath().replaceFirst("^src/main/resources/", "");
            int line = m.getLine();
            int column = m.getColumn();
            java.util.regex.Matcher at = LINE_COLUMN.matcher(m.getText());
            if (at.find() && Integer.parseInt(at.group(1)) == line) {
                column = Integer.parseInt(at.group(2)); // the parser's column; Message.getColumn() is often 0
            }
            if (path.startsWith("src/main/java/")) {
                // Java the executable model generated from a function or a consequence: its path and source
                // mean nothing to an author; the compiler's first line names the symbol
                String text = m.getText().strip();
                if (text.startsWith("Java source of")) {
                    continue;
                }
                String located = describe.describeGenerated(text);
                errors.add(located != null ? located : dir + ": in a function or consequence of the .drl files"
                        + " (generated code): " + text.lines().findFirst().orElse(text));
                continue;
            }
            errors.add(path.isEmpty() ? dir + ": " + m.getText().strip() : describe.describe(path, line, column, m.getText()));
        }
        if (errors.isEmpty() && !builder.getResults().getMessages(Message.Level.ERROR).isEmpty()) {
            errors.add(dir + ": the generated code does not compile: "
                    + builder.getResults().getMessages(Message.Level.ERROR).get(0).getText().lines().findFirst().orElse(""));
        }
        if (!errors.isEmpty()) {
            throw new KnowledgeBaseException(errors.size() + " error(s) in the knowledge base " + dir + ":\n  "
                    + String.join("\n  ", errors));
        }
        KieBase kieBase = ks.newKieContainer(releaseId).getKieBase(KIE_BASE);
        ks.getRepository().removeKieModule(releaseId);
        return kieBase;
    }

    /** SHA-256 over each source's path, a NUL, its bytes and a NUL, in path order. */
    private static String checksum(Map<String, byte[]> sources) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        for (Map.Entry<String, byte[]> source : sources.entrySet()) {
            sha.update(source.getKey().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(source.getValue());
            sha.update((byte) 0);
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    static String readText(ClassLoader loader, String path) {
        return new String(readBytes(loader, path), StandardCharsets.UTF_8);
    }

    static byte[] readBytes(ClassLoader loader, String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new KnowledgeBaseException("knowledge-base resource " + path + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new KnowledgeBaseException("knowledge-base resource " + path + " cannot be read: " + e.getMessage(), e);
        }
    }
}
