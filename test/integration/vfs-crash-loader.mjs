// Lets plain `node --experimental-transform-types` run the TypeScript sources directly, as the
// tests import them: a relative `./x.js` import resolves to `./x.ts` when no `.js` file exists.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (err) {
      if (/^\.{1,2}\/.*\.js$/.test(specifier)) return next(`${specifier.slice(0, -3)}.ts`, context);
      throw err;
    }
  },
});
