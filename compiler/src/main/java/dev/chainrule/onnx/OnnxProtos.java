package dev.chainrule.onnx;

import dev.chainrule.graph.Shape;
import dev.chainrule.onnx.proto.Onnx.AttributeProto;
import dev.chainrule.onnx.proto.Onnx.TensorProto.DataType;
import dev.chainrule.onnx.proto.Onnx.TensorShapeProto;
import dev.chainrule.onnx.proto.Onnx.TypeProto;
import dev.chainrule.onnx.proto.Onnx.ValueInfoProto;

/** The small protobuf pieces an exported model is built from: attributes, shapes, value infos. */
final class OnnxProtos {

    private OnnxProtos() {}

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
                .setI(value).build();
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static long[] dims(Shape shape, boolean batch) {
        long[] out = new long[shape.rank() + (batch ? 1 : 0)];
        for (int k = 0; k < shape.rank(); k++) {
            out[k + (batch ? 1 : 0)] = shape.dims().get(k);
        }
        return out;
    }

    static ValueInfoProto valueInfo(boolean doublePrecision, String name, Shape shape,
                                    boolean batch) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        if (batch) {
            s.addDimBuilder().setDimParam("N");
        }
        for (int d : shape.dims()) {
            s.addDimBuilder().setDimValue(d);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType((doublePrecision
                        ? DataType.DOUBLE : DataType.FLOAT).getNumber()).setShape(s))).build();
    }
}
