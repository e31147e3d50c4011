// Message history over REST: the latest page, older pages, gap fills from the log and truncated catch-ups.

import { api } from './api.js';
import { state, emit, timeline, upsertUsers, seqOf, recomputeUnread, bumpLastMessage } from './store.js';
import { ensureUsers } from './users.js';

const PAGE = 100;

function ingest(convId, page) {
  upsertUsers(page?.users);
  const tl = timeline(convId);
  const conv = state.conversations.get(convId);
  let max = 0;
  for (const m of page?.messages || []) {
    tl.put(m);
    max = Math.max(max, seqOf(m.seq));
    if (conv) bumpLastMessage(conv, m);
  }
  ensureUsers((page?.messages || []).map((m) => m.author_id).filter((id) => !state.users.has(id)));
  return max;
}

function changed(convId) {
  recomputeUnread(convId);
  emit('timeline', convId);
  emit('conversations', convId);
}

export function loadLatest(convId) {
  const tl = timeline(convId);
  if (tl.loadingLatest) return tl.loadingLatest;
  const knownSeq = seqOf(state.conversations.get(convId)?.last_seq);
  tl.error = null;
  emit('timeline', convId);
  tl.loadingLatest = api.messages(convId, { limit: PAGE })
    .then((page) => {
      const max = ingest(convId, page);
      tl.loaded = true;
      tl.hasMoreBefore = !!page?.has_more;
      tl.cursor = Math.max(tl.cursor, knownSeq, max);
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

/** CATCHUP_TRUNCATED: too much was missed to replay; start again from the newest page. */
export function reloadLatest(convId, toSeq) {
  if (!state.conversations.has(convId)) return null;
  const tl = timeline(convId);
  tl.clear();
  tl.cursor = Math.max(0, seqOf(toSeq));
  emit('timeline', convId);
  return loadLatest(convId);
}
