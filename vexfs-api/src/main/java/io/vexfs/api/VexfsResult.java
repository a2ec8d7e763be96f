package io.vexfs.api;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of a VexFS operation: {@link Ok} with a value or {@link Err} with an error and detail.
 *
 * @param <T> the value type
 */
public sealed interface VexfsResult<T> permits VexfsResult.Ok, VexfsResult.Err {

    /** A successful result. */
    record Ok<T>(T value) implements VexfsResult<T> {
    }

    /** A failed result. */
    record Err<T>(VexfsError error, String detail) implements VexfsResult<T> {
        public Err {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }
    }

    static <T> VexfsResult<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> VexfsResult<T> err(VexfsError error, String detail) {
        return new Err<>(error, detail);
    }

    /** Converts an exception into an {@link Err}. */
    static <T> VexfsResult<T> of(VexfsException e) {
        return new Err<>(e.error(), e.detail());
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    default <U> VexfsResult<U> map(Function<? super T, ? extends U> f) {
        return switch (this) {
            case Ok<T> ok -> new Ok<>(f.apply(ok.value()));
            case Err<T> err -> new Err<>(err.error(), err.detail());
        };
    }

    default <U> VexfsResult<U> flatMap(Function<? super T, VexfsResult<U>> f) {
        return switch (this) {
            case Ok<T> ok -> f.apply(ok.value());
            case Err<T> err -> new Err<>(err.error(), err.detail());
        };
    }

    /** The value, or a {@link VexfsException} carrying the error. */
    default T orElseThrow() throws VexfsException {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Err<T> err -> throw new VexfsException(err.error(), err.detail());
        };
    }
}
