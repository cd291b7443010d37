import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Writes COUNT PDFs of PAGES scanned-like pages (Java2D text drawn as an image, no text layer) to DIR:
 * job-K.pdf, whose page N reads "Job K page N". Run with the jar's libraries on the class path:
 * java -cp 'lector-cli/target/lib/*' scripts/MakeJobPdfs.java DIR COUNT PAGES
 */
public class MakeJobPdfs {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        int pages = Integer.parseInt(args[2]);
        for (int k = 1; k <= count; k++) {
            try (PDDocument doc = new PDDocument()) {
                for (int n = 1; n <= pages; n++) {
                    BufferedImage img = new BufferedImage(800, 200, BufferedImage.TYPE_INT_RGB);
                    Graphics2D g = img.createGraphics();
                    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                    g.setColor(Color.WHITE);
                    g.fillRect(0, 0, 800, 200);
                    g.setColor(Color.BLACK);
                    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 48));
                    g.drawString("Job " + k + " page " + n, 40, 120);
                    g.dispose();
                    // 800x200 px at 150 dpi: the server renders PDF pages at its pdf dpi
                    PDPage page = new PDPage(new PDRectangle(800 * 72f / 150, 200 * 72f / 150));
                    doc.addPage(page);
                    PDImageXObject x = LosslessFactory.createFromImage(doc, img);
                    try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                        cs.drawImage(x, 0, 0, page.getMediaBox().getWidth(), page.getMediaBox().getHeight());
                    }
                }
                doc.save(dir.resolve("job-" + k + ".pdf").toFile());
            }
        }
    }
}
