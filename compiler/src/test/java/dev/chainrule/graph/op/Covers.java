package dev.chainrule.graph.op;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the property test of an op kind: {@code @Covers(op = Unary.class, kind = "EXP")}, or
 * {@code @Covers(op = MatMul.class)} for an op without kinds. {@link OpCoverageTest} fails when
 * a permitted {@link Op} subclass or a kind of {@link Unary} or {@link Binary} has none.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Covers {

    Class<? extends Op> op();

    /** The {@code Kind} constant's name, for ops that have kinds. */
    String kind() default "";
}
