/**
 * What a run looks like afterwards: the testbed's event record drawn as a self-contained page, as a
 * static SVG for the chapters ({@link coroutines.pictures.RunSvg}), and exported in the Chrome Trace
 * Event Format. It reads what a run recorded and never records itself.
 */
package coroutines.pictures;
