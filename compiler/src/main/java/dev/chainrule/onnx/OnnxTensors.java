package dev.chainrule.onnx;

import com.google.protobuf.ByteString;
import dev.chainrule.onnx.proto.Onnx.StringStringEntryProto;
import dev.chainrule.onnx.proto.Onnx.TensorProto;
import dev.chainrule.onnx.proto.Onnx.TensorProto.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ONNX tensors to and from {@link Folded} values: float, double and the integer types shape
 * computations use, stored in the typed fields or as little-endian {@code raw_data}, in the
 * model file or in an external data file beside it.
 */
final class OnnxTensors {

    private OnnxTensors() {}

    /**
     * @param directory where external data files are looked up (the model's directory)
     * @param file the model file, for messages
     */
    static Folded read(TensorProto t, Path directory, String file) {
        DataType type = DataType.forNumber(t.getDataType());
        int n = 1;
        for (long d : t.getDimsList()) {
            n = Math.multiplyExact(n, (int) d);
        }
        ByteString raw = t.getDataLocation() == TensorProto.DataLocation.EXTERNAL
                ? external(t, directory, file) : t.getRawData();
        double[] data = new double[n];
        boolean integer;
        if (type == DataType.FLOAT || type == DataType.DOUBLE) {
            integer = false;
        } else if (type == DataType.INT64 || type == DataType.INT32 || type == DataType.BOOL) {
            integer = true;
        } else {
            throw OnnxError.of(file, "tensor " + quote(t.getName()) + " has element type "
                    + (type == null ? t.getDataType() : type.name())
                    + " (expected FLOAT or DOUBLE; INT64, INT32 and BOOL only in shapes)");
        }
        if (!raw.isEmpty()) {
            ByteBuffer bytes = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            int width = switch (type) {
                case DOUBLE, INT64 -> 8;
                case FLOAT, INT32 -> 4;
                default -> 1;
            };
            if (bytes.remaining() != (long) n * width) {
                throw OnnxError.of(file, "tensor " + quote(t.getName()) + " holds "
                        + bytes.remaining() + " bytes, but its shape needs " + (long) n * width);
            }
            for (int k = 0; k < n; k++) {
                data[k] = switch (type) {
                    case DOUBLE -> bytes.getDouble();
                    case INT64 -> bytes.getLong();
                    case FLOAT -> bytes.getFloat();
                    case INT32 -> bytes.getInt();
                    default -> bytes.get();
                };
            }
        } else {
            int count = switch (type) {
                case DOUBLE -> t.getDoubleDataCount();
                case INT64 -> t.getInt64DataCount();
                case FLOAT -> t.getFloatDataCount();
                default -> t.getInt32DataCount();
            };
            if (count != n) {
                throw OnnxError.of(file, "tensor " + quote(t.getName()) + " holds " + count
                        + " values, but its shape needs " + n);
            }
            for (int k = 0; k < n; k++) {
                data[k] = switch (type) {
                    case DOUBLE -> t.getDoubleData(k);
                    case INT64 -> t.getInt64Data(k);
                    case FLOAT -> t.getFloatData(k);
                    default -> t.getInt32Data(k);
                };
            }
        }
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        return new Folded(dims, data, integer, t.getName());
    }

    /** A named tensor in float or double, with the given dimensions. */
    static TensorProto write(String name, long[] dims, double[] data, boolean doublePrecision) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name);
        for (long d : dims) {
            t.addDims(d);
        }
        ByteBuffer bytes = ByteBuffer.allocate(data.length * (doublePrecision ? 8 : 4))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (double v : data) {
            if (doublePrecision) {
                bytes.putDouble(v);
            } else {
                bytes.putFloat((float) v);
            }
        }
        bytes.flip();
        return t.setDataType((doublePrecision ? DataType.DOUBLE : DataType.FLOAT).getNumber())
                .setRawData(ByteString.copyFrom(bytes)).build();
    }

    /** An int64 vector (a Reshape target, ReduceSum axes). */
    static TensorProto ints(String name, long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                .setDataType(DataType.INT64.getNumber()).addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    private static ByteString external(TensorProto t, Path directory, String file) {
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto e : t.getExternalDataList()) {
            switch (e.getKey()) {
                case "location" -> location = e.getValue();
                case "offset" -> offset = Long.parseLong(e.getValue());
                case "length" -> length = Long.parseLong(e.getValue());
                default -> { }
            }
        }
        if (location == null) {
            throw OnnxError.of(file, "tensor " + quote(t.getName())
                    + " has external data without a location");
        }
        Path data = directory.resolve(location).normalize();
        try {
            byte[] all = Files.readAllBytes(data);
            int end = length < 0 ? all.length : (int) Math.min(all.length, offset + length);
            if (offset > all.length || length >= 0 && offset + length > all.length) {
                throw OnnxError.of(file, "tensor " + quote(t.getName()) + ": external data file "
                        + location + " is shorter than offset " + offset + " + length " + length);
            }
            return ByteString.copyFrom(all, (int) offset, end - (int) offset);
        } catch (IOException e) {
            throw OnnxError.of(file, "tensor " + quote(t.getName()) + ": external data file "
                    + location + " not found (expected beside the model, at " + data + ")");
        }
    }

    static String quote(String name) {
        return "'" + name + "'";
    }
}
