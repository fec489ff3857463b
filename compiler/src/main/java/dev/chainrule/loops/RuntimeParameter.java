package dev.chainrule.loops;

import java.util.List;

/**
 * One param as a generated class hands it to the runtime: the class's static initializer calls
 * {@code ParameterLayout.<factory>(arguments...)} for it, so the runtime gets its name, shape,
 * storage order and initializer as values, not as text to parse again.
 *
 * @param dims {@code [out, in]} of a weight (whatever its storage order), {@code [n]} of a
 *     vector, {@code []} of a scalar, the whole shape of a rank-3 or rank-4 param
 * @param initializer the initializer's spelling, as {@code Initializer} draws from it
 */
public record RuntimeParameter(String name, Storage storage, List<Integer> dims,
                               String initializer) {

    /** How the runtime stores the param, named by the {@code ParameterLayout} factory. */
    public enum Storage {
        /** A weight as rows of its outputs, {@code [out][in]}. */
        OUT_IN("outIn"),
        /** A weight as rows of its inputs, {@code [in][out]}. */
        IN_OUT("inOut"),
        VECTOR("vector"),
        SCALAR("scalar"),
        /** Rank 3 or 4, flat and row-major. */
        TENSOR("tensor");

        private final String factory;

        Storage(String factory) {
            this.factory = factory;
        }
    }

    public RuntimeParameter {
        dims = List.copyOf(dims);
    }

    /** The param {@code name} of shape {@code dims}, a matrix stored by columns if so chosen. */
    public static RuntimeParameter of(String name, List<Integer> dims, boolean byColumns,
                                      String initializer) {
        Storage storage = switch (dims.size()) {
            case 0 -> Storage.SCALAR;
            case 1 -> Storage.VECTOR;
            case 2 -> byColumns ? Storage.IN_OUT : Storage.OUT_IN;
            default -> Storage.TENSOR;
        };
        return new RuntimeParameter(name, storage, dims, initializer);
    }

    /** The name of the {@code ParameterLayout} factory that builds it. */
    public String factory() {
        return storage.factory;
    }

    /**
     * The factory's arguments in order: {@code String}s, {@code Integer}s and, for a tensor's
     * shape (varargs), an {@code int[]}.
     */
    public List<Object> arguments() {
        return switch (storage) {
            case OUT_IN, IN_OUT -> List.of(name, dims.get(0), dims.get(1), initializer);
            case VECTOR -> List.of(name, dims.get(0), initializer);
            case SCALAR -> List.of(name, initializer);
            case TENSOR -> List.of(name, initializer,
                    dims.stream().mapToInt(Integer::intValue).toArray());
        };
    }
}
