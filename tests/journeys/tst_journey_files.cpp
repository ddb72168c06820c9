// Journeys with files: the first launch on a workflow, File ▸ New / add a state / Save / reopen,
// File ▸ Open through the dialog, and every File ▸ Export format through the dialog.
#include "journey.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamReader>

using namespace Journey;

namespace {

const QStringList orderStates{QStringLiteral("validate-order"),  QStringLiteral("needs-review"),
                              QStringLiteral("wait-for-review"), QStringLiteral("charge-payment"),
                              QStringLiteral("create-shipment"), QStringLiteral("order-rejected")};

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The node of state name on the canvas: a button named "<Type> <name>".
std::function<bool(const AccessibleNode &)> stateNode(const QString &name)
{
    return [name](const AccessibleNode &n) {
        return n.role == QLatin1String("push button") && n.name.endsWith(QLatin1Char(' ') + name)
               && !n.rect.isEmpty();
    };
}

// The states whose nodes are not drawn on the canvas clear of the minimap: not in the
// accessibility tree there, or without their type's colour (accent bar, icon) in shot.
QStringList hiddenStates(App &app, const QImage &shot, const CanvasView &view,
                         const QStringList &names)
{
    QStringList hidden;
    const auto nodes = app.tree();
    for (const QString &name : names) {
        const auto match = stateNode(name);
        const bool shown = std::any_of(nodes.begin(), nodes.end(), [&](const AccessibleNode &n) {
            return n.showing && match(n) && view.canvas.contains(n.rect.center())
                   && !view.minimap.intersects(n.rect) && nodeColourPixels(shot, n.rect) >= 8;
        });
        if (!shown)
            hidden.append(name);
    }
    return hidden;
}

// Pixels of node colours on the canvas, the minimap left out.
int diagramPixels(const QImage &shot, const CanvasView &view)
{
    return nodeColourPixels(shot, view.canvas) - nodeColourPixels(shot, view.minimap);
}

// `signalbox validate path` accepts the file.
bool cliValidates(const QString &path, QString *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(Journey::binary(), {QStringLiteral("validate"), path});
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(2000);
        *output = QStringLiteral("signalbox validate took over 30 s");
        return false;
    }
    *output = QString::fromUtf8(p.readAll());
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class JourneyFiles : public QObject
{
    Q_OBJECT

private slots:
    // 1. The app opens on a workflow: its diagram is on the canvas in the first settled frame,
    //    before any input, and the window title names the file.
    void firstLaunchShowsTheDiagram()
    {
        Home home;
        const QString path = home.copyExample(QStringLiteral("order-approval.yaml"));
        App app(home, QStringLiteral("first-launch"));
        JOURNEY_DO(app, start({path}));
        const auto view = app.canvas();
        QVERIFY2(view, qPrintable(app.error()));
        const QImage shot = app.settledScreenshot(QStringLiteral("first-frame"));
        JOURNEY_ALIVE(app, QStringLiteral("start-up"));

        const QString title = app.windowTitle();
        QVERIFY2(title.contains(QLatin1String("order-approval.yaml")),
                 qPrintable(QStringLiteral("window title: \"%1\"").arg(title)));

        // Six states with coloured accent bars and icons: several hundred pixels at any readable
        // zoom; an empty canvas (or a diagram drawn only in the minimap) has none.
        const int pixels = diagramPixels(shot, *view);
        QVERIFY2(pixels > 300,
                 qPrintable(QStringLiteral("the canvas %1,%2 %3x%4 shows %5 node-coloured pixels "
                                           "outside the minimap in the first frame: the diagram "
                                           "is not visible")
                                .arg(view->canvas.x())
                                .arg(view->canvas.y())
                                .arg(view->canvas.width())
                                .arg(view->canvas.height())
                                .arg(pixels)));
        const QStringList hidden = hiddenStates(app, shot, *view, orderStates);
        QVERIFY2(hidden.isEmpty(),
                 qPrintable(
                     QStringLiteral("states not shown on the canvas at start-up: %1\n%2")
                         .arg(hidden.join(QLatin1String(", ")), Accessibility::dump(app.tree()))));
    }

    // 2. File ▸ New, add a state from the palette, Save: a save dialog with a suggested name and
    //    a Save button; a name without extension is saved as name.yaml; reopened, it shows.
    void newAddSaveReopen()
    {
        Home home;
        App app(home, QStringLiteral("new-save"));
        JOURNEY_DO(app, start());
        JOURNEY_DO(app, key(QStringLiteral("ctrl+n")));
        JOURNEY_DO(app, find(QString(), QStringLiteral("Workflow diagram")).has_value());

        // Add a Pass state: double-click its palette entry (adds it in the middle of the view).
        const auto entry = app.find(QString(), QStringLiteral("Add Pass"));
        QVERIFY2(entry, qPrintable(app.error()));
        JOURNEY_DO(app, click(entry->rect.center(), 1, 2));
        const auto node = app.findIf(
            [](const AccessibleNode &n) {
                return n.role == QLatin1String("push button")
                       && n.name.startsWith(QLatin1String("Pass ")) && !n.rect.isEmpty();
            },
            QStringLiteral("a Pass state on the canvas"));
        QVERIFY2(node, qPrintable(app.error()));
        const QString stateName = node->name.mid(5);
        app.screenshot(QStringLiteral("state-added"));

        const auto before = app.tree();
        JOURNEY_DO(app, key(QStringLiteral("ctrl+s")));
        const auto dialog = app.waitForFileDialog(before);
        QVERIFY2(dialog, qPrintable(app.error()));
        app.screenshot(QStringLiteral("save-dialog"));
        QVERIFY2(dialog->accept.name == QLatin1String("Save"),
                 qPrintable(QStringLiteral("the save dialog's accept button says \"%1\"")
                                .arg(dialog->accept.name)));
        QVERIFY2(dialog->fileName, "the save dialog has no file name field");
        QVERIFY2(!dialog->fileName->text.trimmed().isEmpty(),
                 "the save dialog suggests no file name");

        JOURNEY_DO(app, chooseFile(*dialog, QStringLiteral("journey-new")));
        JOURNEY_ALIVE(app, QStringLiteral("saving as journey-new"));
        // Written in the folder the dialog showed (the documents folder, where the app was
        // started, or HOME), with the extension added.
        QString saved;
        QVERIFY2(
            waitUntil(
                [&] {
                    saved = home.locate(QStringLiteral("journey-new.yaml"));
                    return !saved.isEmpty();
                },
                10000),
            qPrintable(QStringLiteral("journey-new.yaml was not written: %1").arg(home.listing())));
        QVERIFY2(home.locate(QStringLiteral("journey-new")).isEmpty(),
                 "a file without the .yaml extension was written");
        QVERIFY2(readAll(saved).contains(stateName.toUtf8()),
                 qPrintable(QStringLiteral("%1 lacks the state %2").arg(saved, stateName)));
        QVERIFY2(
            waitUntil([&] { return app.windowTitle().contains(QLatin1String("journey-new.yaml")); },
                      5000),
            qPrintable(QStringLiteral("window title after saving: %1").arg(app.windowTitle())));
        app.screenshot(QStringLiteral("saved"));
        JOURNEY_DO(app, close());

        App again(home, QStringLiteral("new-save-reopened"));
        JOURNEY_DO(again, start({saved}));
        const auto view = again.canvas();
        QVERIFY2(view, qPrintable(again.error()));
        const auto reopened = again.findIf(stateNode(stateName), QStringLiteral("the saved state"));
        QVERIFY2(reopened, qPrintable(again.error()));
        const QImage shot = again.settledScreenshot(QStringLiteral("reopened"));
        QVERIFY2(view->canvas.contains(reopened->rect.center()),
                 "the saved state is not on the canvas after reopening");
        QVERIFY2(diagramPixels(shot, *view) > 100, "the reopened diagram is not drawn");
    }

    // 3. File ▸ Open through the dialog.
    void openThroughTheDialog()
    {
        Home home;
        const QString path = home.copyExample(QStringLiteral("document-review.yaml"));
        App app(home, QStringLiteral("open"));
        JOURNEY_DO(app, start());
        const auto before = app.tree();
        JOURNEY_DO(app, key(QStringLiteral("ctrl+o")));
        const auto dialog = app.waitForFileDialog(before);
        QVERIFY2(dialog, qPrintable(app.error()));
        app.screenshot(QStringLiteral("open-dialog"));
        QCOMPARE(dialog->accept.name, QStringLiteral("Open"));
        JOURNEY_DO(app, chooseFile(*dialog, path));
        QVERIFY2(
            waitUntil(
                [&] { return app.windowTitle().contains(QLatin1String("document-review.yaml")); },
                10000),
            qPrintable(QStringLiteral("window title after opening: %1").arg(app.windowTitle())));
        const auto view = app.canvas();
        QVERIFY2(view, qPrintable(app.error()));
        const QImage shot = app.settledScreenshot(QStringLiteral("opened"));
        JOURNEY_ALIVE(app, QStringLiteral("opening document-review.yaml"));
        QVERIFY2(diagramPixels(shot, *view) > 300,
                 "the opened workflow is not drawn on the canvas");
    }

    // 4. File ▸ Export ▸ each format through the dialog: the file is where the user asked, with
    //    the format's extension, and valid.
    void exportEveryFormat()
    {
        Home home;
        const QString path = home.copyExample(QStringLiteral("order-approval.yaml"));
        App app(home, QStringLiteral("export"));
        JOURNEY_DO(app, start({path}));
        struct Format
        {
            QString item;
            QString typed;
            QString file;
        };
        const QList<Format> formats{
            {QStringLiteral("YAML…"), QStringLiteral("exported"), QStringLiteral("exported.yaml")},
            {QStringLiteral("Amazon States Language (JSON)…"), QStringLiteral("exported-asl"),
             QStringLiteral("exported-asl.asl.json")},
            {QStringLiteral("Mermaid…"), QStringLiteral("exported"),
             QStringLiteral("exported.mmd")},
            {QStringLiteral("PNG image…"), QStringLiteral("exported"),
             QStringLiteral("exported.png")},
            {QStringLiteral("SVG image…"), QStringLiteral("exported"),
             QStringLiteral("exported.svg")},
        };
        for (const Format &f : formats) {
            const auto before = app.tree();
            JOURNEY_DO(app, clickOn(QString(), QStringLiteral("File")));
            JOURNEY_DO(app, clickOn(QString(), QStringLiteral("Export")));
            JOURNEY_DO(app, clickOn(QString(), f.item));
            const auto dialog = app.waitForFileDialog(before);
            QVERIFY2(dialog, qPrintable(f.item + QStringLiteral(": ") + app.error()));
            app.screenshot(QStringLiteral("export-dialog-") + f.file);
            QVERIFY2(dialog->accept.name != QLatin1String("Open"),
                     qPrintable(f.item + QStringLiteral(": the export dialog's button says Open")));
            JOURNEY_DO(app, chooseFile(*dialog, f.typed));
            const QString file = home.document(f.file);
            QVERIFY2(waitUntil([&] { return QFileInfo(file).size() > 0; }, 10000),
                     qPrintable(QStringLiteral("%1: %2 was not written next to the workflow: %3")
                                    .arg(f.item, file, home.listing())));
            JOURNEY_ALIVE(app, QStringLiteral("exporting ") + f.item);
        }

        QString output;
        QVERIFY2(cliValidates(home.document(QStringLiteral("exported.yaml")), &output),
                 qPrintable(output));

        QJsonParseError error;
        const QJsonDocument asl = QJsonDocument::fromJson(
            readAll(home.document(QStringLiteral("exported-asl.asl.json"))), &error);
        QVERIFY2(!asl.isNull(), qPrintable(error.errorString()));
        QCOMPARE(asl.object().value(u"StartAt").toString(), QStringLiteral("validate-order"));
        for (const QString &state : orderStates)
            QVERIFY2(asl.object().value(u"States").toObject().contains(state), qPrintable(state));

        const QByteArray mermaid = readAll(home.document(QStringLiteral("exported.mmd")));
        QVERIFY2(mermaid.startsWith("flowchart") || mermaid.startsWith("stateDiagram")
                     || mermaid.startsWith("graph") || mermaid.startsWith("%%"),
                 mermaid.left(80).constData());
        for (const QString &state : orderStates)
            QVERIFY2(mermaid.contains(state.toUtf8()), qPrintable(state));

        const QImage png(home.document(QStringLiteral("exported.png")));
        QVERIFY2(!png.isNull(), "the exported PNG does not load");
        QVERIFY2(png.width() >= 200 && png.height() >= 200,
                 qPrintable(QStringLiteral("PNG %1x%2").arg(png.width()).arg(png.height())));
        QVERIFY2(nodeColourPixels(png.convertToFormat(QImage::Format_RGB32), png.rect()) > 500,
                 "the exported PNG shows no diagram");

        QXmlStreamReader svg(readAll(home.document(QStringLiteral("exported.svg"))));
        QString root;
        QString text;
        while (!svg.atEnd()) {
            svg.readNext();
            if (svg.isStartElement() && root.isEmpty())
                root = svg.name().toString();
            if (svg.isCharacters())
                text += svg.text();
        }
        QVERIFY2(!svg.hasError(), qPrintable(svg.errorString()));
        QCOMPARE(root, QStringLiteral("svg"));
        QVERIFY2(text.contains(QLatin1String("validate-order")), "the SVG names no state");
    }
};

JOURNEY_MAIN(JourneyFiles)
#include "tst_journey_files.moc"
