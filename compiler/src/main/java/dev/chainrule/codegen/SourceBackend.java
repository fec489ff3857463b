package dev.chainrule.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.chainrule.loops.LoweredClass;
import dev.chainrule.loops.LoweredField;
import dev.chainrule.loops.LoweredMethod;
import dev.chainrule.loops.RuntimeParameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The source backend: prints a {@link LoweredClass} as a readable Java file, statement by
 * statement in the order the lowering chose, so that javac's class computes exactly what the
 * {@link BytecodeBackend}'s does.
 *
 * <pre>{@code
 * String java = SourceBackend.emit(lowered);               // the whole .java file
 * Path file = SourceBackend.writeTo(lowered, outputDir);   // outputDir/pkg/Name.java
 * }</pre>
 */
public final class SourceBackend {

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("(\\\\+)u");

    private SourceBackend() {}

    /** The Java source file of {@code lowered}. */
    public static String emit(LoweredClass lowered) {
        return emitFile(lowered).toString();
    }

    /** The JavaPoet file of {@code lowered}, for callers that want to write it themselves. */
    public static JavaFile emitFile(LoweredClass lowered) {
        ClassMembers members = new ClassMembers(lowered);
        LoweredClassChecker.check(members);
        TypeSpec.Builder type = TypeSpec.classBuilder(lowered.simpleName())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(ClassName.bestGuess(GeneratedClassContract.superclass(lowered)));
        for (String line : lowered.header()) {
            type.addJavadoc("$L\n", javadocSafe(line));
        }
        type.addField(FieldSpec.builder(String.class, GeneratedClassContract.HEADER_FIELD,
                        Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .initializer("$S", GeneratedClassContract.header(lowered))
                .build());
        if (!lowered.trainingSettings().isEmpty()) {
            type.addField(FieldSpec.builder(String.class, GeneratedClassContract.TRAINING_FIELD,
                            Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The description's training settings; {@code"
                            + " Training.from(net)} starts from them.\n")
                    .initializer("$S", lowered.trainingSettings())
                    .build());
        }
        type.addField(parameters(lowered));
        for (LoweredField field : lowered.fields()) {
            type.addField(field(field));
        }
        type.addMethod(constructor(lowered));
        for (LoweredMethod method : lowered.methods()) {
            type.addMethod(method(members, method));
        }
        return JavaFile.builder(lowered.packageName() == null ? "" : lowered.packageName(),
                        type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    /** Writes {@code directory/<package dirs>/<simpleName>.java} and returns its path. */
    public static Path writeTo(LoweredClass lowered, Path directory) {
        try {
            return emitFile(lowered).writeToPath(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code CHAINRULE_PARAMETERS = {ParameterLayout.inOut("w", 8, 4, "zeros"), ...}}. */
    private static FieldSpec parameters(LoweredClass lowered) {
        ClassName layout = ClassName.bestGuess(GeneratedClassContract.PARAMETER_LAYOUT);
        CodeBlock.Builder values = CodeBlock.builder().add("{");
        List<RuntimeParameter> parameters = lowered.parameters();
        for (int p = 0; p < parameters.size(); p++) {
            CodeBlock.Builder call = CodeBlock.builder().add("$T.$L(", layout,
                    parameters.get(p).factory());
            List<Object> arguments = parameters.get(p).arguments();
            for (int a = 0; a < arguments.size(); a++) {
                Object argument = arguments.get(a);
                call.add(a == 0 ? "" : ", ");
                if (argument instanceof String text) {
                    call.add("$S", text);
                } else if (argument instanceof Integer n) {
                    call.add("$L", n);
                } else {
                    call.add("$L", java.util.Arrays.stream((int[]) argument)
                            .mapToObj(String::valueOf).collect(Collectors.joining(", ")));
                }
            }
            values.add("\n$>$>$L)$L$<$<", call.build(), p < parameters.size() - 1 ? "," : "");
        }
        return FieldSpec.builder(ArrayTypeName.of(layout),
                        GeneratedClassContract.PARAMETERS_FIELD, Modifier.PRIVATE,
                        Modifier.STATIC, Modifier.FINAL)
                .initializer(values.add("}").build())
                .build();
    }

    private static FieldSpec field(LoweredField field) {
        FieldSpec.Builder spec = FieldSpec.builder(
                JavaTypes.typeName(field.element(), field.rank()), field.name(), Modifier.PRIVATE);
        // Arrays are allocated once and never replaced; scalars are state the methods update.
        if (field.rank() > 0) {
            spec.addModifiers(Modifier.FINAL);
        }
        if (field.comment() != null && !field.comment().isEmpty()) {
            spec.addJavadoc("$L\n", javadocSafe(field.comment()));
        }
        return spec.build();
    }

    private static MethodSpec constructor(LoweredClass lowered) {
        CodeBlock.Builder body = CodeBlock.builder();
        if (lowered.isGraph()) {
            body.addStatement("super($S, $L, $L, $L, $L, $L,\n$>$>$S$<$<)", lowered.networkName(),
                    lowered.inputSize(), lowered.outputSize(), lowered.doublePrecision(),
                    lowered.classifier(), GeneratedClassContract.PARAMETERS_FIELD,
                    lowered.graphLayout());
        } else {
            body.addStatement("super($S, $L, $L, $L, $L, $L)", lowered.networkName(),
                    lowered.inputSize(), lowered.outputSize(), lowered.doublePrecision(),
                    lowered.classifier(), GeneratedClassContract.PARAMETERS_FIELD);
        }
        for (LoweredField field : lowered.fields()) {
            if (field.rank() > 0) {
                String dims = field.dims().stream().map(d -> "[" + d + "]")
                        .collect(Collectors.joining());
                body.addStatement("$L = new $L$L", field.name(),
                        JavaTypes.keyword(field.element()), dims);
            }
        }
        if (lowered.hasRowMarks()) {
            body.addStatement("bind(new Object[] {$L}, new Object[] {$L},\n$>$>new Object[] {$L}$<$<)",
                    String.join(", ", lowered.parameterFields()),
                    String.join(", ", lowered.gradientFields()),
                    lowered.rowMarkFields().stream().map(m -> m.isEmpty() ? "null" : m)
                            .collect(Collectors.joining(", ")));
        } else {
            body.addStatement("bind(new Object[] {$L}, new Object[] {$L})",
                    String.join(", ", lowered.parameterFields()),
                    String.join(", ", lowered.gradientFields()));
        }
        List<String> chunks = lowered.packedParameters();
        if (!chunks.isEmpty()) {
            body.add("$L(new String[] {\n$>$>", GeneratedClassContract.UNPACK);
            for (int c = 0; c < chunks.size(); c++) {
                body.add("$S$L\n", chunks.get(c), c < chunks.size() - 1 ? "," : "");
            }
            body.add("$<$<});\n");
        }
        return MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addCode(body.build())
                .build();
    }

    private static MethodSpec method(ClassMembers members, LoweredMethod method) {
        MethodSpec.Builder spec = MethodSpec.methodBuilder(method.name())
                .returns(method.returnType() == null ? TypeName.VOID
                        : JavaTypes.typeName(method.returnType(), 0));
        if (method.override()) {
            spec.addAnnotation(Override.class).addModifiers(Modifier.PROTECTED);
        } else {
            spec.addModifiers(Modifier.PRIVATE);
        }
        if (method.comment() != null && !method.comment().isEmpty()) {
            spec.addJavadoc("$L\n", javadocSafe(method.comment()));
        }
        for (LoweredMethod.Param param : method.params()) {
            spec.addParameter(JavaTypes.typeName(JavaTypes.paramType(param), 0), param.name());
        }
        return spec.addCode(StatementPrinter.print(members, method)).build();
    }

    /** Text from descriptions must not end the Javadoc comment it is printed in. */
    private static String javadocSafe(String text) {
        return commentSafe(text).replace("*/", "*&#47;");
    }

    /**
     * javac decodes a backslash-u escape everywhere, comments included, so a description's
     * escaped line feed would end a line comment. A {@code u} after an odd run of backslashes
     * starts an escape; one more backslash disarms it.
     */
    static String commentSafe(String text) {
        return UNICODE_ESCAPE.matcher(text).replaceAll(match -> Matcher.quoteReplacement(
                match.group(1).length() % 2 == 1 ? match.group(1) + "\\u" : match.group()));
    }
}
