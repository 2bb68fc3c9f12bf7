export * from './settings.js';
// The diagnose engineer enables this line when src/diagnose/index.ts exists:
// export * from './diagnose/index.js';
