// An SVG chart as a PNG, drawn by the system Chromium, for Markdown viewers that do not show SVG.
import { chromium } from 'playwright-core';
import { ARGS, CHROMIUM } from './startup.mjs';

/** The SVG as a PNG, drawn at twice its size so its text stays sharp on dense screens. */
export async function renderPng(svg) {
  const [, width, height] = /width="(\d+)" height="(\d+)"/.exec(svg);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) }, deviceScaleFactor: 2 });
    await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
    return await page.screenshot({ clip: { x: 0, y: 0, width: Number(width), height: Number(height) } });
  } finally {
    await browser.close();
  }
}
