// Journeys about what the screen tells: a broken file is never reported valid, the window works
// at a small and a large size, and the dark theme is dark everywhere a person looks.
#include "journey.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>

using namespace Journey;

namespace {

// Line 5 has a YAML syntax error (a mapping value where none is allowed).
const char *brokenYaml = "workflow:\n"
                         "  name: broken\n"
                         "  start_at: a\n"
                         "  states:\n"
                         "    a: {type: pass, end: true}: oops\n";

QString writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
    return path;
}

// Objects that say the workflow is fine.
bool saysValid(const QList<AccessibleNode> &tree, QString *which)
{
    for (const auto &n : tree) {
        if (n.showing
            && (n.name == QLatin1String("Valid")
                || n.name.contains(QLatin1String("the workflow is valid")))) {
            *which = n.name;
            return true;
        }
    }
    return false;
}

std::function<bool(const AccessibleNode &)> namesFile(const QString &file,
                                                      const QString &lineRegex = QString())
{
    return [=](const AccessibleNode &n) {
        const QString text = n.name + QLatin1Char(' ') + n.text;
        return text.contains(file)
               && (lineRegex.isEmpty() || QRegularExpression(lineRegex).match(text).hasMatch());
    };
}

// The state nodes of the diagram showing in tree.
QList<AccessibleNode> stateNodes(const QList<AccessibleNode> &tree, const QRect &canvas)
{
    QList<AccessibleNode> nodes;
    for (const auto &n : tree) {
        static const QRegularExpression state(
            QStringLiteral("^(Task|Choice|Wait|Approval|Parallel|Map|Pass|Succeed|Fail) \\S+$"));
        if (n.showing && n.role == QLatin1String("push button") && !n.rect.isEmpty()
            && canvas.intersects(n.rect) && state.match(n.name).hasMatch())
            nodes.append(n);
    }
    return nodes;
}

} // namespace

class JourneyScreens : public QObject
{
    Q_OBJECT

    // The canvas is a real part of the window, the minimap covers no state, and Fit makes the
    // diagram fill the canvas.
    void checkLayout(App &app, const QString &size)
    {
        const QRect window = app.windowRect();
        auto view = app.canvas();
        QVERIFY2(view, qPrintable(app.error()));
        QVERIFY2(view->canvas.width() * 2 >= window.width(),
                 qPrintable(QStringLiteral("%1: the canvas is %2 px wide in a %3 px window")
                                .arg(size)
                                .arg(view->canvas.width())
                                .arg(window.width())));
        QVERIFY2(view->canvas.height() * 2 >= window.height(),
                 qPrintable(QStringLiteral("%1: the canvas is %2 px high in a %3 px window")
                                .arg(size)
                                .arg(view->canvas.height())
                                .arg(window.height())));
        const auto fit = app.find(QStringLiteral("push button"), QStringLiteral("Fit"));
        QVERIFY2(fit, qPrintable(app.error()));
        JOURNEY_DO(app, click(fit->rect.center()));
        QImage shot = app.settledScreenshot(size + QStringLiteral("-fit"));
        view = app.canvas();
        QVERIFY2(view, qPrintable(app.error()));
        const auto nodes = stateNodes(app.tree(), view->canvas);
        QCOMPARE(nodes.size(), 6);
        QRect bounds;
        for (const auto &n : nodes) {
            QVERIFY2(view->canvas.contains(n.rect),
                     qPrintable(QStringLiteral("%1: %2 is cut off by the canvas edge after Fit")
                                    .arg(size, n.name)));
            QVERIFY2(!view->minimap.intersects(n.rect),
                     qPrintable(QStringLiteral("%1: the minimap covers %2").arg(size, n.name)));
            bounds |= n.rect;
        }
        // Fit: the diagram spans most of the canvas in at least one direction.
        const bool fills = bounds.width() * 10 >= view->canvas.width() * 6
                           || bounds.height() * 10 >= view->canvas.height() * 6;
        QVERIFY2(fills, qPrintable(QStringLiteral("%1: after Fit the diagram is %2x%3 in a %4x%5 "
                                                  "canvas")
                                       .arg(size)
                                       .arg(bounds.width())
                                       .arg(bounds.height())
                                       .arg(view->canvas.width())
                                       .arg(view->canvas.height())));
        for (const auto &n : nodes) {
            QVERIFY2(nodeColourPixels(shot, n.rect) >= 3,
                     qPrintable(QStringLiteral("%1: %2 is not drawn after Fit").arg(size, n.name)));
        }
    }

private slots:
    // 7. A YAML syntax error, then a binary file: never "Valid"; an error names the file (and the
    //    line of the syntax error); the app stays up.
    void brokenFilesAreNeverValid()
    {
        Home home;
        const QString broken = writeFile(home.document(QStringLiteral("broken.yaml")), brokenYaml);
        QByteArray noise(4096, '\0');
        QRandomGenerator rng(7);
        for (char &c : noise)
            c = char(rng.bounded(256));
        const QString binary = writeFile(home.document(QStringLiteral("binary.yaml")), noise);

        App app(home, QStringLiteral("broken-files"));
        JOURNEY_DO(app, start({broken}));
        const auto message = app.findIf(
            namesFile(QStringLiteral("broken.yaml"), QStringLiteral("\\bline 5\\b|:5\\b")),
            QStringLiteral("an error naming broken.yaml and line 5"));
        app.screenshot(QStringLiteral("syntax-error"));
        QString which;
        QVERIFY2(
            !saysValid(app.tree(), &which),
            qPrintable(QStringLiteral("a YAML syntax error is reported as \"%1\"").arg(which)));
        QVERIFY2(message, qPrintable(app.error()));
        JOURNEY_ALIVE(app, QStringLiteral("opening a file with a YAML syntax error"));

        const auto before = app.tree();
        JOURNEY_DO(app, key(QStringLiteral("ctrl+o")));
        const auto dialog = app.waitForFileDialog(before);
        QVERIFY2(dialog, qPrintable(app.error()));
        JOURNEY_DO(app, chooseFile(*dialog, binary));
        JOURNEY_ALIVE(app, QStringLiteral("opening a binary file"));
        const auto binaryMessage = app.findIf(namesFile(QStringLiteral("binary.yaml")),
                                              QStringLiteral("an error naming binary.yaml"));
        app.screenshot(QStringLiteral("binary-file"));
        QVERIFY2(!saysValid(app.tree(), &which),
                 qPrintable(QStringLiteral("a binary file is reported as \"%1\"").arg(which)));
        QVERIFY2(binaryMessage, qPrintable(app.error()));
    }

    // 8. At 1000x700 and at 1920x1080 the canvas is most of the window, the minimap covers no
    //    state and Fit fills the canvas.
    void smallAndLargeWindows()
    {
        Home home;
        const QString path = home.copyExample(QStringLiteral("order-approval.yaml"));
        App app(home, QStringLiteral("window-sizes"));
        JOURNEY_DO(app, start({path}));
        JOURNEY_DO(app, resizeWindow(1000, 700));
        checkLayout(app, QStringLiteral("1000x700"));
        if (QTest::currentTestFailed())
            return;
        JOURNEY_DO(app, resizeWindow(1920, 1080 - 60));
        checkLayout(app, QStringLiteral("1920x1020"));
    }

    // 9. View ▸ Dark Theme: the window, the menu bar and an open menu are dark, their text light.
    void darkTheme()
    {
        Home home;
        const QString path = home.copyExample(QStringLiteral("order-approval.yaml"));
        App app(home, QStringLiteral("dark-theme"));
        JOURNEY_DO(app, start({path}));
        // View ▸ Dark Theme, or View ▸ Theme ▸ Dark.
        JOURNEY_DO(app, clickOn(QString(), QStringLiteral("View")));
        const auto entry
            = app.find(QStringLiteral("menu item"), QStringLiteral("^(Dark Theme|Theme)$"));
        QVERIFY2(entry, qPrintable(app.error()));
        JOURNEY_DO(app, click(entry->rect.center()));
        if (entry->name == QLatin1String("Theme"))
            JOURNEY_DO(app, clickOn(QStringLiteral("menu item"), QStringLiteral("Dark")));
        const auto view = app.canvas();
        QVERIFY2(view, qPrintable(app.error()));
        const QImage shot = app.settledScreenshot(QStringLiteral("dark"));
        const double canvas = meanLuminance(shot, view->canvas);
        QVERIFY2(canvas < 70, qPrintable(QStringLiteral("canvas luminance %1").arg(canvas)));

        const auto bar = app.find(QStringLiteral("menu bar"), QString());
        QVERIFY2(bar, qPrintable(app.error()));
        const double barLuminance = meanLuminance(shot, bar->rect);
        QVERIFY2(barLuminance < 80,
                 qPrintable(QStringLiteral("the menu bar is light in the dark theme (mean "
                                           "luminance %1 of 255)")
                                .arg(barLuminance)));

        JOURNEY_DO(app, clickOn(QString(), QStringLiteral("File")));
        const auto item = app.find(QString(), QStringLiteral("Open…"));
        QVERIFY2(item, qPrintable(app.error()));
        const QImage menu = app.settledScreenshot(QStringLiteral("dark-menu"));
        const double itemLuminance = meanLuminance(menu, item->rect);
        QVERIFY2(itemLuminance < 80,
                 qPrintable(QStringLiteral("an open menu is light in the dark theme (mean "
                                           "luminance %1 of 255)")
                                .arg(itemLuminance)));
        // Readable: the item's text is light on the dark background.
        int light = 0;
        const QRect r = item->rect.intersected(menu.rect());
        for (int y = r.top(); y <= r.bottom(); ++y) {
            for (int x = r.left(); x <= r.right(); ++x)
                light += qGray(menu.pixel(x, y)) > 170;
        }
        QVERIFY2(light > 20, qPrintable(QStringLiteral("the menu item's text is not light (%1 "
                                                       "light pixels)")
                                            .arg(light)));
        JOURNEY_DO(app, key(QStringLiteral("Escape")));
    }
};

JOURNEY_MAIN(JourneyScreens)
#include "tst_journey_screens.moc"
