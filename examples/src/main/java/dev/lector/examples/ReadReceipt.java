package dev.lector.examples;

import dev.lector.image.PageRange;
import dev.lector.pipeline.EngineConfig;
import dev.lector.pipeline.OcrEngine;
import dev.lector.pipeline.OcrOptions;
import dev.lector.result.Document;
import dev.lector.result.Line;
import dev.lector.result.Page;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads an image or a PDF and prints its text, then each line with its confidence. */
public final class ReadReceipt {

    public static void main(String[] args) throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of(args[0]));
        // open once and share: the engine is thread-safe and loading the models takes a few seconds
        try (OcrEngine engine = OcrEngine.open(EngineConfig.defaults())) {
            Document document = engine.read(bytes, PageRange.ALL, OcrOptions.DEFAULT);
            System.out.println(document.text());
            for (Page page : document.pages()) {
                for (Line line : page.lines()) {
                    System.out.printf("page %d  %.2f  %s%n", page.number(), line.score(), line.text());
                }
            }
        }
    }
}
