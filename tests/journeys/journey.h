// The user-journey layer: the real signalbox binary in a real X server (Xvfb, openbox), driven by
// real XTest input (xdotool), seen through its accessibility tree (AT-SPI) and screenshots.
//
// A test executable is one journey group: JOURNEY_MAIN starts the group's desktop (desktop.h)
// before the QGuiApplication of the test, which connects to the same display to grab the screen.
// Each journey makes a Home (private HOME and XDG folders) and starts App processes in it.
#pragma once

#include "accessibility.h"
#include "desktop.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <optional>

namespace Journey {

// A person's account: HOME, XDG_CONFIG_HOME, XDG_DATA_HOME (the default database), XDG_CACHE_HOME,
// XDG_STATE_HOME, XDG_RUNTIME_DIR, and a documents folder for the files they open and save.
// What the journeys run and where they look, overridable from the environment so that
// packaging/test-deb.sh runs the same journeys against an installed package:
// SIGNALBOX_JOURNEY_BINARY (default: this build's signalbox), SIGNALBOX_JOURNEY_EXAMPLES (default:
// the source tree's resources/examples) and SIGNALBOX_JOURNEY_SCREENSHOTS (default:
// <build>/screenshots).
QString binary();
QString examplesDir();

class Home
{
public:
    Home();
    bool isValid() const { return m_dir.isValid(); }
    QString root() const { return m_dir.path(); }
    QString documents() const { return m_dir.filePath(QStringLiteral("documents")); }
    QString document(const QString &name) const { return documents() + QLatin1Char('/') + name; }
    // The environment the app runs in: this account, the journey desktop, xcb, accessibility on.
    QProcessEnvironment environment() const;
    // The file called name in documents() or in HOME ("" when in neither).
    QString locate(const QString &name) const;
    // Every file in documents() and HOME, for failure messages.
    QString listing() const;
    // Copies a file of resources/examples (and the scripts its tasks run) into documents().
    QString copyExample(const QString &name) const;

private:
    QTemporaryDir m_dir;
};

// The objects inside the first object of tree that matches (a dialog, a page), itself included.
QList<AccessibleNode> subtree(const QList<AccessibleNode> &tree,
                              const std::function<bool(const AccessibleNode &)> &root);

// Polls condition every 50 ms (processing events) until it holds or ms have passed.
bool waitUntil(const std::function<bool()> &condition, int ms);

// Colour distance (sum of channel differences).
int colourDistance(QRgb a, QRgb b);
// Pixels of image inside area (clipped to the image) within tolerance of colour.
int countPixels(const QImage &image, const QRect &area, QColor colour, int tolerance = 40);
// Mean luminance (0..255) of image inside area.
double meanLuminance(const QImage &image, const QRect &area);
// Pixels inside area drawn in one of the state type colours of the diagram (task blue, choice
// amber, ...): how much of the workflow a person can see there.
int nodeColourPixels(const QImage &image, const QRect &area);

// Runs xdotool with args; false (with its stderr in *error) when it fails or takes over 10 s.
bool xdotool(const QStringList &args, QString *output = nullptr, QString *error = nullptr);

// A file dialog on the screen (whatever implements it): its accept button, its Cancel button and
// the field where the file name is typed, if it has one.
struct FileDialogView
{
    AccessibleNode accept;
    AccessibleNode cancel;
    std::optional<AccessibleNode> fileName;
};

// The design canvas on the screen and, inside it, the minimap.
struct CanvasView
{
    QRect canvas;
    QRect minimap;
};

// One signalbox GUI process.
class App
{
public:
    // label names the journey in screenshot files: <build>/screenshots/journey-<label>-NN-step.png
    App(const Home &home, const QString &label);
    ~App();
    App(const App &) = delete;
    App &operator=(const App &) = delete;

    // Starts the binary with args (working directory: the documents folder) and waits up to 30 s
    // for its main window to map and take the focus.
    bool start(const QStringList &args = {});
    // Why the last call that returned false failed (what it waited for, the tree, the app's
    // output).
    QString error() const { return m_error; }

    qint64 pid() const;
    bool isAlive() const;
    // "step: the app exited with code N / crashed" and everything it wrote to stderr.
    QString deathReport(const QString &step) const;
    QString standardError() const;
    // The lines of standardError() that are script errors in the app's QML (qmlerrors.h).
    QString scriptErrors() const;

    // Closes the window as a person does (Alt+F4, the window manager's close) and waits up to
    // 10 s for the process to exit; fails when the app printed a QML script error. (Any script
    // error fails the journey anyway when its App is destroyed.)
    bool close();
    // SIGKILL, as a crash or a power cut.
    void kill9();

    // The main window: its X id, title and place on the screen.
    QString windowId() const { return m_window; }
    QString windowTitle() const;
    QRect windowRect() const;
    bool resizeWindow(int width, int height);

    // Real input events (XTest) to the focused window.
    bool key(const QString &chord);
    bool type(const QString &text);
    bool click(const QPoint &screenPoint, int button = 1, int repeat = 1);
    bool scroll(const QPoint &screenPoint, bool up, int notches);
    bool drag(const QPoint &from, const QPoint &to);

    // The accessibility tree now (showing objects only).
    QList<AccessibleNode> tree() const;
    // Waits up to ms for an object with role (any when empty) and name (exact, or the regular
    // expression nameRegex when it starts with '^') to show.
    std::optional<AccessibleNode> find(const QString &role, const QString &name, int ms = 10000);
    std::optional<AccessibleNode> findIf(const std::function<bool(const AccessibleNode &)> &match,
                                         const QString &what, int ms = 10000);
    // Waits until no showing object matches (e.g. a dialog closed).
    bool waitGone(const QString &role, const QString &name, int ms = 10000);
    // Finds the object, then clicks the middle of it.
    bool clickOn(const QString &role, const QString &name, int ms = 10000);

    // Waits for a file dialog that was not showing in before (a tree() taken before the action).
    std::optional<FileDialogView> waitForFileDialog(const QList<AccessibleNode> &before,
                                                    int ms = 10000);
    // Replaces the dialog's file name with text (a name or a full path) and presses Enter; waits
    // for the dialog to close.
    bool chooseFile(const FileDialogView &dialog, const QString &text);
    // The canvas ("Workflow diagram") and its minimap ("Minimap" when the app names it; else the
    // 180x120 box 12 px inside the canvas's bottom-right corner, where the app draws it).
    std::optional<CanvasView> canvas(int ms = 10000);

    // The whole screen as a person sees it; saved under <build>/screenshots.
    QImage screenshot(const QString &step);
    // Grabs until two grabs ms apart are equal (the app stopped drawing), at most 10 s.
    QImage settledScreenshot(const QString &step, int ms = 400);

    // Fails (returns false with error()) when the app is not running any more.
    bool checkAlive(const QString &step);

private:
    bool fail(const QString &message);
    // Saves a screenshot and the full tree for a failure; returns where, and the tree's top.
    QString report(const QList<AccessibleNode> &nodes);

    const Home &m_home;
    QString m_label;
    QProcess m_process;
    QString m_window;
    QString m_error;
    QString m_stderr;
    int m_shot = 0;
};

} // namespace Journey

// Fails the test when the app is gone: what the user did last and what the app wrote to stderr.
#define JOURNEY_ALIVE(app, step) QVERIFY2((app).checkAlive(step), qPrintable((app).error()))
// Fails the test with the helper's explanation when a helper returns false.
#define JOURNEY_DO(app, call) QVERIFY2((app).call, qPrintable((app).error()))

// main() of a journey group: the private desktop first, then the test's QGuiApplication on it.
#define JOURNEY_MAIN(TestClass)                                                                    \
    int main(int argc, char **argv)                                                                \
    {                                                                                              \
        Journey::Desktop desktop;                                                                  \
        std::string error;                                                                         \
        if (!desktop.start(&error)) {                                                              \
            fprintf(stderr, "journey desktop: %s\n", error.c_str());                               \
            return 1;                                                                              \
        }                                                                                          \
        qputenv("QT_QPA_PLATFORM", "xcb");                                                         \
        qunsetenv("QT_LINUX_ACCESSIBILITY_ALWAYS_ON");                                             \
        int result = 0;                                                                            \
        {                                                                                          \
            QGuiApplication app(argc, argv);                                                       \
            TestClass test;                                                                        \
            result = QTest::qExec(&test, argc, argv);                                              \
        }                                                                                          \
        return result;                                                                             \
    }
