package dev.chainrule.codegen;

import dev.chainrule.loops.ArrayRef;
import dev.chainrule.loops.Condition;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.LoweredField;
import dev.chainrule.loops.LoweredMethod;
import dev.chainrule.loops.Stmt;
import dev.chainrule.loops.Type;
import java.util.List;

/** A terse vocabulary for writing lowered classes by hand in tests. */
final class Lowered {

    private Lowered() {}

    static Expr num(Type type, double value) {
        return new Expr.Const(type, value);
    }

    static Expr i(int value) {
        return new Expr.Const(Type.INT, value);
    }

    static Expr local(String name, Type type) {
        return new Expr.Local(name, type);
    }

    static Expr index(String name) {
        return new Expr.Local(name, Type.INT);
    }

    static Expr add(Expr a, Expr b) {
        return new Expr.Binary(Expr.BinaryOp.ADD, a, b);
    }

    static Expr sub(Expr a, Expr b) {
        return new Expr.Binary(Expr.BinaryOp.SUB, a, b);
    }

    static Expr mul(Expr a, Expr b) {
        return new Expr.Binary(Expr.BinaryOp.MUL, a, b);
    }

    static Expr div(Expr a, Expr b) {
        return new Expr.Binary(Expr.BinaryOp.DIV, a, b);
    }

    static Expr neg(Expr a) {
        return new Expr.Negate(a);
    }

    static Expr to(Type type, Expr a) {
        return new Expr.Convert(a, type);
    }

    static Expr math(Expr.MathFunction function, Expr a) {
        return new Expr.MathCall(function, a);
    }

    static Expr select(Condition.Comparison comparison, Expr left, Expr right, Expr ifTrue,
                       Expr ifFalse) {
        return new Expr.Select(new Condition(comparison, left, right), ifTrue, ifFalse);
    }

    static Condition cond(Condition.Comparison comparison, Expr left, Expr right) {
        return new Condition(comparison, left, right);
    }

    static Expr load(ArrayRef array, Expr... indices) {
        return new Expr.Load(array, List.of(indices));
    }

    static Expr scalar(String name, Type type) {
        return new Expr.ScalarField(name, type);
    }

    static ArrayRef field(String name, Type element, int rank) {
        return new ArrayRef.Field(name, element, rank);
    }

    static ArrayRef param(String name) {
        return new ArrayRef.Parameter(name);
    }

    static ArrayRef row(String name, Type element) {
        return new ArrayRef.Local(name, element);
    }

    static LoweredField array(String name, Type element, Integer... dims) {
        return new LoweredField(name, element, List.of(dims), "");
    }

    static LoweredField scalarField(String name, Type element) {
        return new LoweredField(name, element, List.of(), "");
    }

    static Stmt comment(String text) {
        return new Stmt.Comment(text);
    }

    static Stmt declare(String name, Type type, Expr init) {
        return new Stmt.Declare(name, type, init);
    }

    static Stmt assign(String name, Expr value) {
        return new Stmt.Assign(name, value);
    }

    static Stmt store(ArrayRef array, List<Expr> indices, Expr value) {
        return new Stmt.Store(array, indices, value);
    }

    static Stmt storeScalar(String name, Expr value) {
        return new Stmt.StoreScalarField(name, value);
    }

    static Stmt loop(String var, int from, int to, Stmt... body) {
        return new Stmt.For(var, from, to, List.of(body));
    }

    static Stmt whileLoop(Condition condition, Stmt... body) {
        return new Stmt.While(condition, List.of(body));
    }

    static Stmt scope(Stmt... body) {
        return new Stmt.Scope(List.of(body));
    }

    static Expr max(Expr a, Expr b) {
        return new Expr.Max(a, b);
    }

    static Stmt when(Condition condition, Stmt... then) {
        return new Stmt.If(condition, List.of(then));
    }

    static Stmt call(String method) {
        return new Stmt.Call(method);
    }

    static Stmt ret(Expr value) {
        return new Stmt.Return(value);
    }

    static LoweredMethod.Param arrayParam(String name) {
        return new LoweredMethod.Param(name, true);
    }

    static LoweredMethod override(String name, List<LoweredMethod.Param> params, Type returns,
                                  Stmt... body) {
        return new LoweredMethod(name, true, params, returns, List.of(body), "");
    }

    static LoweredMethod helper(String name, List<LoweredMethod.Param> params, Stmt... body) {
        return new LoweredMethod(name, false, params, null, List.of(body), "");
    }
}
