import { describe, expect, it } from 'vitest';
import { deviceName } from './device-name';

describe('deviceName', () => {
  it('names a desktop browser and its system', () => {
    const chrome =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.85 Safari/537.36';
    expect(deviceName(chrome)).toBe('Chrome 131 on Linux');
  });

  it('names a phone browser with the version of its system', () => {
    const safari =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
    expect(deviceName(safari)).toBe('Safari 18 on iOS 18.1');
  });

  it('names Firefox on Windows by the Windows version people know', () => {
    const firefox =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
    expect(deviceName(firefox)).toBe('Firefox 133 on Windows 10');
  });

  it('shows what it cannot read as it came, and says when there was nothing', () => {
    expect(deviceName('curl/8.5.0')).toMatch(/curl/);
    expect(deviceName(null)).toBe('Unknown device');
    expect(deviceName('  ')).toBe('Unknown device');
  });
});
