package dev.chainrule.graph;

import dev.chainrule.description.Precision;
import dev.chainrule.description.SpecSource;
import dev.chainrule.description.TrainingSpec;
import dev.chainrule.description.graph.Expression;
import dev.chainrule.description.graph.Expression.Binary;
import dev.chainrule.description.graph.Expression.Call;
import dev.chainrule.description.graph.Expression.Function;
import dev.chainrule.description.graph.Expression.Name;
import dev.chainrule.description.graph.Expression.Operator;
import dev.chainrule.description.graph.GraphSpec;
import dev.chainrule.description.graph.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Graph descriptions built in code, for tests that must not depend on the text parser. */
public final class Graphs {

    private Graphs() {}

    static final SourceLocation AT = new SourceLocation("test.yaml", 1, 1, "graph");

    public static Expression name(String n) {
        return new Name(AT, n);
    }

    public static Expression num(double v) {
        return new Expression.Number(AT, v, String.valueOf(v));
    }

    public static Expression op(Operator o, Expression a, Expression b) {
        return new Binary(AT, o, a, b);
    }

    public static Expression call(Function f, Expression... args) {
        return new Call(AT, f, List.of(args));
    }

    public static Expression pow(Expression base, double p) {
        return new Expression.Power(AT, base, p, String.valueOf(p));
    }

    public static Expression neg(Expression a) {
        return new Expression.Negate(AT, a);
    }

    /** A builder of small graph specs. */
    public static final class Spec {
        private final String name;
        private final List<GraphSpec.Leaf> inputs = new ArrayList<>();
        private final List<GraphSpec.Leaf> targets = new ArrayList<>();
        private final List<GraphSpec.Param> params = new ArrayList<>();
        private final List<GraphSpec.Node> nodes = new ArrayList<>();
        private Precision precision = Precision.DOUBLE;
        private String output;
        private String loss;

        public Spec(String name) {
            this.name = name;
        }

        public Spec input(String n, Integer... shape) {
            inputs.add(new GraphSpec.Leaf(n, List.of(shape), AT));
            return this;
        }

        public Spec target(String n, Integer... shape) {
            targets.add(new GraphSpec.Leaf(n, List.of(shape), AT));
            return this;
        }

        public Spec param(String n, double[] init, Integer... shape) {
            params.add(new GraphSpec.Param(n, List.of(shape),
                    new GraphSpec.ParamInit.Literal(init), AT));
            return this;
        }

        public Spec node(String n, Expression e) {
            nodes.add(new GraphSpec.Node(n, e, AT));
            return this;
        }

        public Spec output(String n) {
            output = n;
            return this;
        }

        public Spec loss(String n) {
            loss = n;
            return this;
        }

        public Spec precision(Precision p) {
            precision = p;
            return this;
        }

        public GraphSpec build() {
            String out = output != null ? output : nodes.get(nodes.size() - 1).name();
            return new GraphSpec(name, "test.graphs", precision, inputs, targets, params, nodes,
                    new GraphSpec.Reference(out, AT),
                    new GraphSpec.Reference(loss != null ? loss : out, AT),
                    TrainingSpec.DEFAULTS, null,
                    new SpecSource("test.yaml", null, Path.of("."), name));
        }
    }

    /** The seed graph: c = a + b, d = b + 1, e = c·d. */
    public static GraphSpec seed() {
        return new Spec("SeedGraph").input("a").input("b")
                .node("c", op(Operator.ADD, name("a"), name("b")))
                .node("d", op(Operator.ADD, name("b"), num(1)))
                .node("e", op(Operator.MUL, name("c"), name("d")))
                .build();
    }
}
