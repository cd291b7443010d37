/**
 * Geometry value records. Coordinates are pixels of the image they came from (x right, y down);
 * a {@link dev.lector.geometry.Quad} always lists its corners clockwise from the top-left.
 */
package dev.lector.geometry;
