/**
 * True in the npm module and in tests; false in the minified script-tag build,
 * where the build replaces it so terser drops what only it guards. Guards the
 * long explanations in error messages: a minified build still names the bad
 * argument and its value, not the rule it broke.
 */
declare const __DEV__: boolean;

