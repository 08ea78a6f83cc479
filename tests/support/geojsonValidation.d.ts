// geojson-validation ships no types; only what the tests call.
declare module 'geojson-validation' {
  interface GeojsonValidation {
    /** With `trace`, the list of problems (empty when valid). */
    isFeatureCollection(object: unknown, trace: true): string[];
    isFeature(object: unknown, trace: true): string[];
  }
  const gjv: GeojsonValidation;
  export = gjv;
}
