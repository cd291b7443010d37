package dev.lector.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Inputs the fuzz targets found, kept as regression tests (docs/fuzzing.md). */
class FuzzFindingsTest {

    static byte[] resource(String path) throws IOException {
        try (InputStream in = FuzzFindingsTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }

    /** A tiny valid PNG with one more chunk, of the given declared length and no such data. */
    static byte[] pngWithChunk(String type, long declared) throws IOException {
        byte[] png = resource("/dev/lector/fuzz/ImageInputFuzzerInputs/headerAndDecoder/png-rgb");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33); // signature + IHDR
        ByteBuffer chunk = ByteBuffer.allocate(12);
        chunk.putInt((int) declared).put(type.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        chunk.putInt((int) crc.getValue());
        out.write(chunk.array());
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    @Test
    void aPngChunkDeclaringGigabytesIsRefusedBeforeOpenCvAllocatesThem() throws IOException {
        // ImageInputFuzzer's find: 146 bytes whose tRNS chunk declares 0xffff008b bytes made OpenCV
        // allocate 4.4 GB and spend 2 s before failing
        byte[] found = resource("/dev/lector/fuzz/ImageInputFuzzerInputs/headerAndDecoder/png-broken-trns-found-slow");
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
        assertThatThrownBy(() -> decoder.decode(found)).isInstanceOfSatisfying(InputException.class,
                e -> assertThat(e.reason()).isEqualTo(InputException.Reason.UNDECODABLE)).hasMessageContaining("tRNS chunk");
        assertThatThrownBy(() -> decoder.decode(pngWithChunk("tEXt", 0x7fff0000L))).isInstanceOf(InputException.class)
                .hasMessageContaining("tEXt chunk").hasMessageContaining("2147418112 bytes");
        // a chunk that fits is read as before
        assertThat(decoder.decode(pngWithChunk("tEXt", 0)).width()).isEqualTo(48);
    }
}
