package dev.parley.core.message;

/**
 * Which page of history to read: newest first before {@code beforeSeq} (or from the end), oldest first after
 * {@code afterSeq}, or oldest first around {@code aroundSeq} (that message and those on either side of it); at most
 * one cursor ({@code aroundId}: around the message with that id, for a reply whose original is not loaded).
 * {@code withEvents}: also the membership and channel events among the page's seqs.
 */
public record HistoryQuery(Long beforeSeq, Long afterSeq, Long aroundSeq, Long aroundId, Long limit, boolean withEvents) {
    public HistoryQuery(Long beforeSeq, Long afterSeq, Long aroundSeq, Long limit, boolean withEvents) {
        this(beforeSeq, afterSeq, aroundSeq, null, limit, withEvents);
    }
}
