/**
 * The PSP's and the bank's clock: Asia/Baku is UTC+4 all year (no DST since 2016), so a fixed
 * offset is exact and needs no time-zone data.
 */
const BAKU_OFFSET_MS = 4 * 60 * 60 * 1000

/** A Date whose UTC fields read the wall-clock time in Baku. */
export const bakuWallClock = (date: Date) => new Date(date.getTime() + BAKU_OFFSET_MS)
