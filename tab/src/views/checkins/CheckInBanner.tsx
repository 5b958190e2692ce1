/** Issue 15: the open check-in window's banner, above every view. Placeholder until it lands. */
export default function CheckInBanner() {
  return null;
}
