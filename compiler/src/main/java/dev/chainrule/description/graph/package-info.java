/**
 * The graph description front end: a document with a {@code graph} key, read by
 * {@link dev.chainrule.description.Descriptions}, becomes a validated {@link
 * dev.chainrule.description.graph.GraphSpec}.
 *
 * <p>Phases: the layer form's tree reader (positions, duplicate keys, YAML and JSON alike), then
 * {@link dev.chainrule.description.graph.GraphValidator} (keys, names, shapes, initializers; the
 * {@code name}, {@code package}, {@code precision}, {@code training} and {@code data} keys
 * through {@link dev.chainrule.description.CommonSections}), which parses each node's expression with
 * {@link dev.chainrule.description.graph.ExpressionParser} and resolves its names against those defined
 * above it. Expression shapes are checked later, by the graph builder, at the
 * {@link dev.chainrule.description.graph.SourceLocation} every AST node carries.
 *
 * <p>Choices beyond the contract: unary {@code +} is accepted and leaves no node; numbers may be
 * written {@code .5} and {@code 2.}; {@code inputs} is required but may be empty ({@code {}});
 * {@code graph} needs at least one node; one tensor, and all params together, hold at most
 * 50,000,000 values; an expression has at most 1,000 tokens and 100 levels of nesting.
 */
package dev.chainrule.description.graph;
