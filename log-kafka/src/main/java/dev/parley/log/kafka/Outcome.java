package dev.parley.log.kafka;

import dev.parley.core.error.ErrorCode;
import dev.parley.core.event.LogEvent;

/** What the sequencer made of an appended record: written to Cassandra ({@code outcomes}) for the appending node. */
sealed interface Outcome {
    /** Events were written; {@code primary} is the first (null for a change that wrote rows but no event). */
    record Written(LogEvent primary) implements Outcome {
    }

    /** A post repeating a nonce: the original message's id and seq. */
    record Repeat(long messageId, long seq) implements Outcome {
    }

    /** The change was already so. */
    record Unchanged() implements Outcome {
    }

    /** The rules refused it. */
    record Refused(ErrorCode code, String message) implements Outcome {
    }

    /** The log has no open record for the conversation (created but never announced to the log, or no such conversation). */
    record Unknown() implements Outcome {
    }
}
