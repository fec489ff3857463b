package it.app;

import dev.chainrule.runtime.Network;
import it.nets.IrisNet;
import it.nets.Xor;

/** Compiles only if the generated classes are on the main source path. */
public final class Uses {
    public static Network[] networks() {
        return new Network[] {new Xor(), new IrisNet()};
    }
}
