// Journey steps of the public area, shared by this area's tests and the lead's end-to-end journey.
import { screenshot } from '../harness.mjs';

// Opens the public verification page for a certificate number (as the PDF's QR code does) and
// returns the big status text (有效 / 已过期 / 已撤销 / 未知 …).
export async function verifyCertificate(page, server, number, { shot } = {}) {
  await page.goto(`${server.url}/verify/${encodeURIComponent(number)}`);
  const state = page.locator('[data-test=verify-state]');
  await state.waitFor();
  if (shot) await screenshot(page, shot);
  return (await state.innerText()).replace(/^[✓!✕?]\s*/, '').trim();
}
