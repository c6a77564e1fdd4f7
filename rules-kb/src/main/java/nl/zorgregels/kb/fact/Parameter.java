package nl.zorgregels.kb.fact;

import java.time.LocalDate;
import java.time.Period;

/**
 * Knowledge: a row of the table {@code parameters.csv}, a threshold, duration or date the rules and
 * texts read by name, a fact of every session. Several rows of one name with different
 * {@code validFrom} are the dated values of one parameter; the table reader gives each row the day
 * the next row takes over ({@code validUntil}), so exactly one row of a name applies on any date.
 * A rule reads the value in force on the assessment date by joining
 * {@code Parameter(name == "adultMaximumBellScore", appliesOn($date), $max : number)}.
 *
 * @param name       the parameter's name, e.g. {@code adultMaximumBellScore}
 * @param unit       {@code years}, {@code months}, {@code bell} (a Bell CFIDS score) or {@code date}
 * @param validFrom  first day the row applies; null: from any date (until a later row takes over)
 * @param validUntil first day the next row of the same name applies; null: no later row
 * @param number     the value of a {@code years}, {@code months} or {@code bell} row; null for a date
 * @param period     the value of a {@code years} or {@code months} row as a duration; null otherwise
 * @param date       the value of a {@code date} row; null otherwise
 */
public record Parameter(String name, String unit, LocalDate validFrom, LocalDate validUntil,
                        Integer number, Period period, LocalDate date) {

    /**
     * @param day a date, normally the assessment date
     * @return whether this row is the one of its name in force on that day
     */
    public boolean appliesOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validUntil == null || day.isBefore(validUntil));
    }
}
