package dev.chainrule.codegen;

import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;

/**
 * Reads the {@code code_length} of every method from a class file. ASM's visitors never expose
 * it, so this walks the class file structure (JVMS 4.1) with {@link ClassReader}'s primitives.
 */
final class CodeLengths {

    private CodeLengths() {}

    /** Method name to bytecode length, in class-file order; abstract methods are left out. */
    static Map<String, Integer> of(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        char[] buffer = new char[reader.getMaxStringLength()];
        int offset = reader.header + 6;                                // access, this, super
        offset += 2 + 2 * reader.readUnsignedShort(offset);            // interfaces
        int fieldCount = reader.readUnsignedShort(offset);
        offset += 2;
        for (int f = 0; f < fieldCount; f++) {
            offset = skipAttributes(reader, offset + 6);               // access, name, descriptor
        }
        Map<String, Integer> lengths = new LinkedHashMap<>();
        int methodCount = reader.readUnsignedShort(offset);
        offset += 2;
        for (int m = 0; m < methodCount; m++) {
            String name = reader.readUTF8(offset + 2, buffer);
            int attributeCount = reader.readUnsignedShort(offset + 6);
            offset += 8;
            for (int a = 0; a < attributeCount; a++) {
                if (reader.readUTF8(offset, buffer).equals("Code")) {
                    // Code_attribute: name(2) length(4) max_stack(2) max_locals(2) code_length(4)
                    lengths.put(name, reader.readInt(offset + 10));
                }
                offset += 6 + reader.readInt(offset + 2);
            }
        }
        return lengths;
    }

    private static int skipAttributes(ClassReader reader, int offset) {
        int count = reader.readUnsignedShort(offset);
        offset += 2;
        for (int a = 0; a < count; a++) {
            offset += 6 + reader.readInt(offset + 2);
        }
        return offset;
    }
}
