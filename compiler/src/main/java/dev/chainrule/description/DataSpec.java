package dev.chainrule.description;

/**
 * Default data sets for the CLI, the description's optional {@code data} section.
 *
 * @param train training set, or {@code null} when the description names none
 * @param test test set, or {@code null} when the description names none
 */
public record DataSpec(DataSource train, DataSource test) {}
