package dev.parley.core.event;

/** Anything the relay carries to the nodes holding sockets: log events, and ephemeral ones that have no seq. */
public sealed interface RelayEvent permits LogEvent, Ephemeral {
}
