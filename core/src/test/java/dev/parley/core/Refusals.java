package dev.parley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a call is refused with a given error code. */
public final class Refusals {
    private Refusals() {
    }

    public static ParleyException refusal(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the call should have been refused").isInstanceOf(ParleyException.class);
        return (ParleyException) thrown;
    }

    public static ParleyException assertRefused(ThrowingCallable call, ErrorCode code) {
        ParleyException e = refusal(call);
        assertThat(e.code()).as("error code (%s)", e.getMessage()).isEqualTo(code);
        return e;
    }
}
