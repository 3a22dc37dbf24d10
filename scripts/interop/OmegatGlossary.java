// Prints the glossary entries OmegaT reads from the files in a project's glossary folder, through OmegaT's
// own readers (the ones its glossary pane uses, chosen by file extension as OmegaT chooses them), as JSON
// lines: {"file": ..., "source": ..., "target": ..., "comment": ...}.
//
//   java -cp /usr/share/omegat/OmegaT.jar scripts/interop/OmegatGlossary.java PROJECT_FOLDER
//
// The project's omegat.project gives the languages: the TBX reader keeps the terms of the project's source
// and target languages only, as it does in OmegaT.
import java.io.File;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.omegat.core.Core;
import org.omegat.core.data.ProjectProperties;
import org.omegat.core.data.RealProject;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.gui.glossary.GlossaryReaderTBX;
import org.omegat.gui.glossary.GlossaryReaderTSV;
import org.omegat.util.ProjectFileStorage;

public class OmegatGlossary {
    public static void main(String[] args) throws Exception {
        File project = new File(args[0]);
        Core.initializeConsole(Collections.emptyMap());
        ProjectProperties props = ProjectFileStorage.loadProjectProperties(project);
        Core.setProject(new RealProject(props));
        File[] files = new File(props.getGlossaryRoot()).listFiles();
        Arrays.sort(files);
        for (File file : files) {
            String name = file.getName().toLowerCase();
            List<GlossaryEntry> entries;
            if (name.endsWith(".tab") || name.endsWith(".utf8") || name.endsWith(".txt")) {
                entries = GlossaryReaderTSV.read(file, false);
            } else if (name.endsWith(".tbx")) {
                entries = GlossaryReaderTBX.read(file, false);
            } else {
                continue;
            }
            for (GlossaryEntry entry : entries) {
                System.out.println("{\"file\": " + quote(file.getName()) + ", \"source\": " + quote(entry.getSrcText())
                        + ", \"target\": " + quote(entry.getLocText()) + ", \"comment\": "
                        + quote(entry.getCommentText()) + "}");
            }
        }
        System.exit(0);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
