package dev.chainrule.graph;

/** Where a leaf's value comes from. */
public enum Role {
    /** Fed per sample. */
    INPUT,
    /** Fed per sample after the inputs; absent when predicting. */
    TARGET,
    /** Trainable, kept by the generated class. */
    PARAM,
    /** The adjoint seed of a reverse pass, set to 1 before it runs. */
    ADJOINT_SEED,
    /** The tangent of a leaf, fed to a forward-mode pass. */
    TANGENT_SEED
}
