package dev.lector.result;

/**
 * What the detector saw of a page: its input size and the white margin put around the page
 * first ({@code pad}, in page pixels). For debugging views; not part of the text.
 */
public record DetectorInput(int width, int height, int pad) {}
