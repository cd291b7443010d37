/**
 * Page layout: {@link dev.lector.layout.ReadingOrder} puts recognised lines in the order a person
 * reads them (rows top to bottom, left to right; the left column of a two-column page before the
 * right one; tables and receipts row by row) and groups them into blocks. Pure functions of the
 * lines' boxes, which must list their corners from the text's own top-left; thread-safe.
 */
package dev.lector.layout;
