// Message history over REST: the latest page, older pages, gap fills from the log and truncated catch-ups.

import { api } from './api.js';
import { state, emit, timeline, upsertUsers, seqOf, recomputeUnread, bumpLastMessage } from './store.js';
import { ensureUsers } from './users.js';

const PAGE = 100;

/** The membership and channel events of a page, as timeline lines (the state before each is the previous one's). */
function ingestEvents(tl, events) {
  let before = null;
  for (const frame of events || []) {
    const d = frame.d || {};
    const seq = seqOf(frame.seq);
    if (d.user) upsertUsers([d.user]);
    if (!tl.system.has(seq)) {
      tl.putSystem({ seq, op: frame.op, user: d.user || null, conversation: d.conversation || null, before });
    }
    if (d.conversation) before = { name: d.conversation.name, topic: d.conversation.topic, owner_id: d.conversation.owner_id };
  }
}

/** Takes a page into the timeline; returns the highest seq it showed (a message's or an event's). */
function ingest(convId, page) {
  upsertUsers(page?.users);
  const tl = timeline(convId);
  const conv = state.conversations.get(convId);
  let max = 0;
  for (const m of page?.messages || []) {
    tl.put(m);
    max = Math.max(max, seqOf(m.seq));
    if (conv && !tl.hasMoreAfter) bumpLastMessage(conv, m);
  }
  for (const frame of page?.events || []) max = Math.max(max, seqOf(frame.seq));
  ingestEvents(tl, page?.events);
  ensureUsers((page?.messages || []).map((m) => m.author_id).filter((id) => !state.users.has(id)));
  return max;
}

function changed(convId) {
  recomputeUnread(convId);
  emit('timeline', convId);
  emit('conversations', convId);
}

/**
 * Loads the newest page. The page was read at some point of the log: it holds everything up to the conversation's
 * last_seq as known when it was asked for, and up to the seqs it shows. Anything the client learnt of meanwhile
 * beyond that (a live event, or a READY that counted newer events without replaying them, as when the page was
 * asked for before the socket's IDENTIFY) is read from the log through applyFrame, since no later event may come
 * to reveal the gap.
 */
export function loadLatest(convId, applyFrame) {
  const tl = timeline(convId);
  if (tl.loadingLatest) return tl.loadingLatest;
  const knownSeq = seqOf(state.conversations.get(convId)?.last_seq);
  tl.error = null;
  emit('timeline', convId);
  tl.loadingLatest = api.messages(convId, { limit: PAGE })
    .then((page) => {
      const covered = Math.max(knownSeq, ingest(convId, page));
      tl.loaded = true;
      tl.hasMoreBefore = !!page?.has_more;
      const newest = Math.max(tl.cursor, seqOf(state.conversations.get(convId)?.last_seq));
      tl.cursor = Math.max(tl.cursor, covered);
      if (newest > covered) fillGap(convId, covered, newest, applyFrame);
    })
    .catch((e) => { tl.error = e; })
    .finally(() => {
      tl.loadingLatest = null;
      changed(convId);
    });
  return tl.loadingLatest;
}

export async function loadOlder(convId) {
  const tl = timeline(convId);
  if (!tl.loaded || !tl.hasMoreBefore || tl.loadingOlder) return;
  const before = tl.oldestSeq();
  if (before <= 1) {
    tl.hasMoreBefore = false;
    emit('timeline', convId);
    return;
  }
  tl.loadingOlder = true;
  tl.error = null;
  emit('timeline', convId);
  try {
    const page = await api.messages(convId, { before_seq: before, limit: PAGE });
    ingest(convId, page);
    tl.hasMoreBefore = !!page?.has_more && (page.messages || []).length > 0;
  } catch (e) {
    tl.error = e;
  } finally {
    tl.loadingOlder = false;
    changed(convId);
  }
}

/**
 * A seq gap was seen live: reads the log's events after afterSeq up to (at least) untilSeq and hands each to
 * applyFrame exactly as if it had come over the gateway, so edits, deletions and member changes are repaired
 * too, not only new messages.
 */
export function fillGap(convId, afterSeq, untilSeq, applyFrame) {
  const tl = timeline(convId);
  tl.gapChain = (tl.gapChain || Promise.resolve()).then(async () => {
    let after = afterSeq;
    for (let round = 0; round < 100; round++) {
      const page = await api.events(convId, { after_seq: after, limit: PAGE });
      const events = page?.events || [];
      for (const frame of events) applyFrame(frame);
      if (!page?.has_more || !events.length) break;
      after = seqOf(events[events.length - 1].seq);
      if (after >= untilSeq) break;
    }
  }).catch(() => { /* the next reconnect catches up from the cursor */ })
    .finally(() => changed(convId));
  return tl.gapChain;
}

/**
 * Opens the timeline around an older message (a reply's original, a message link): the page around it, older and
 * newer pages loading as the reader scrolls, until it reaches the newest message again. {seq} or {id}.
 */
export async function loadAround(convId, { seq, id }) {
  const tl = timeline(convId);
  const page = await api.messages(convId, { around_seq: seq || undefined, around_id: seq ? undefined : id, limit: PAGE });
  const cursor = Math.max(tl.cursor, seqOf(state.conversations.get(convId)?.last_seq));
  tl.clear();
  tl.cursor = cursor;
  tl.hasMoreAfter = !!page?.has_more_after;
  ingest(convId, page);
  tl.loaded = true;
  tl.hasMoreBefore = !!page?.has_more_before;
  changed(convId);
  return page;
}

/** Loads the page after the newest loaded message of a window; once it reaches the end, the window is live again. */
export async function loadNewer(convId, applyFrame) {
  const tl = timeline(convId);
  if (!tl.loaded || !tl.hasMoreAfter || tl.loadingNewer) return;
  tl.loadingNewer = true;
  emit('timeline', convId);
  try {
    const after = tl.newestSeq();
    const page = await api.messages(convId, { after_seq: after, limit: PAGE });
    ingest(convId, page);
    if (!page?.has_more) {
      tl.hasMoreAfter = false;
      const newest = tl.newestSeq();
      // live events that came while the window was open were not kept: read what the page did not bring
      if (tl.cursor > newest) await fillGap(convId, newest, tl.cursor, applyFrame);
    }
  } catch (e) {
    tl.error = e;
  } finally {
    tl.loadingNewer = false;
    changed(convId);
  }
}

/** CATCHUP_TRUNCATED: too much was missed to replay; start again from the newest page. */
export function reloadLatest(convId, toSeq, applyFrame) {
  if (!state.conversations.has(convId)) return null;
  const tl = timeline(convId);
  tl.clear();
  tl.cursor = Math.max(0, seqOf(toSeq));
  emit('timeline', convId);
  return loadLatest(convId, applyFrame);
}
