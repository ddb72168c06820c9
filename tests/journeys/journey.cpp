#include "../common/qmlerrors.h"
#include "journey.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPixmap>
#include <QRegularExpression>
#include <QScreen>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <sys/prctl.h>

namespace Journey {

namespace {

QString fromEnvironment(const char *name, const char *fallback)
{
    return qEnvironmentVariableIsEmpty(name) ? QString::fromUtf8(fallback)
                                             : qEnvironmentVariable(name);
}

QString screenshotDir()
{
    const QString dir = fromEnvironment("SIGNALBOX_JOURNEY_SCREENSHOTS",
                                        SIGNALBOX_BUILD_DIR "/screenshots");
    QDir().mkpath(dir);
    return dir;
}

QString fileSafe(QString s)
{
    s.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]+")), QStringLiteral("-"));
    return s;
}

bool copyTree(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    const QDir source(from);
    for (const QFileInfo &fi :
         source.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString target = to + QLatin1Char('/') + fi.fileName();
        if (fi.isDir()) {
            if (!copyTree(fi.filePath(), target))
                return false;
        } else if (!QFile::copy(fi.filePath(), target)) {
            return false;
        }
    }
    return true;
}

} // namespace

QString binary()
{
    return fromEnvironment("SIGNALBOX_JOURNEY_BINARY", SIGNALBOX_BINARY);
}

QString examplesDir()
{
    return fromEnvironment("SIGNALBOX_JOURNEY_EXAMPLES", SIGNALBOX_SOURCE_DIR "/resources/examples");
}

Home::Home()
{
    if (!m_dir.isValid())
        return;
    for (const char *sub : {"home", "config", "data", "cache", "state", "documents"})
        QDir(m_dir.path()).mkpath(QLatin1String(sub));
    QDir(m_dir.path()).mkpath(QStringLiteral("runtime"));
    QFile::setPermissions(m_dir.filePath(QStringLiteral("runtime")),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

QProcessEnvironment Home::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Nothing of the machine's desktop or of the offscreen test layers may leak in.
    for (const char *name :
         {"QT_QUICK_BACKEND", "QT_QPA_PLATFORMTHEME", "QT_QUICK_CONTROLS_STYLE", "QT_SCALE_FACTOR",
          "QT_SCREEN_SCALE_FACTORS", "QT_FONT_DPI", "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION",
          "SESSION_MANAGER", "WAYLAND_DISPLAY", "QML_IMPORT_PATH", "QML2_IMPORT_PATH",
          "QT_PLUGIN_PATH", "LANGUAGE", "LC_MESSAGES", "LANG"})
        env.remove(QLatin1String(name));
    const QDir root(m_dir.path());
    env.insert(QStringLiteral("HOME"), root.filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), root.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), root.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), root.filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("XDG_STATE_HOME"), root.filePath(QStringLiteral("state")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), root.filePath(QStringLiteral("runtime")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("TZ"), QStringLiteral("UTC"));
    env.insert(QStringLiteral("QT_LINUX_ACCESSIBILITY_ALWAYS_ON"), QStringLiteral("1"));
    return env;
}

QString Home::locate(const QString &name) const
{
    for (const QString &dir : {documents(), m_dir.filePath(QStringLiteral("home"))}) {
        const QString path = dir + QLatin1Char('/') + name;
        if (QFileInfo(path).isFile())
            return path;
    }
    return {};
}

QString Home::listing() const
{
    return QStringLiteral("documents: %1; home: %2")
        .arg(QDir(documents()).entryList(QDir::Files).join(u' '),
             QDir(m_dir.filePath(QStringLiteral("home"))).entryList(QDir::Files).join(u' '));
}

QString Home::copyExample(const QString &name) const
{
    const QString examples = examplesDir();
    copyTree(examples + QStringLiteral("/scripts"), documents() + QStringLiteral("/scripts"));
    const QString target = document(name);
    QFile::remove(target);
    QFile::copy(examples + QLatin1Char('/') + name, target);
    QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup);
    return target;
}

QList<AccessibleNode> subtree(const QList<AccessibleNode> &tree,
                              const std::function<bool(const AccessibleNode &)> &root)
{
    QList<AccessibleNode> result;
    int depth = -1;
    for (const auto &n : tree) {
        if (depth >= 0 && n.depth <= depth)
            break;
        if (depth < 0 && root(n))
            depth = n.depth;
        if (depth >= 0)
            result.append(n);
    }
    return result;
}

bool waitUntil(const std::function<bool()> &condition, int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (true) {
        if (condition())
            return true;
        if (timer.elapsed() > ms)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(50);
    }
}

int colourDistance(QRgb a, QRgb b)
{
    return qAbs(qRed(a) - qRed(b)) + qAbs(qGreen(a) - qGreen(b)) + qAbs(qBlue(a) - qBlue(b));
}

int countPixels(const QImage &image, const QRect &area, QColor colour, int tolerance)
{
    const QRect r = area.intersected(image.rect());
    const QRgb c = colour.rgb();
    int count = 0;
    for (int y = r.top(); y <= r.bottom(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = r.left(); x <= r.right(); ++x) {
            if (colourDistance(line[x], c) <= tolerance)
                ++count;
        }
    }
    return count;
}

double meanLuminance(const QImage &image, const QRect &area)
{
    const QRect r = area.intersected(image.rect());
    if (r.isEmpty())
        return -1;
    double sum = 0;
    for (int y = r.top(); y <= r.bottom(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = r.left(); x <= r.right(); ++x)
            sum += qGray(line[x]);
    }
    return sum / (double(r.width()) * r.height());
}

int nodeColourPixels(const QImage &image, const QRect &area)
{
    // The accents of task, choice, wait, approval, parallel, map, succeed, fail and pass states.
    static const QRgb accents[] = {0x2563eb, 0xd97706, 0x0d9488, 0x7c3aed, 0x4f46e5,
                                   0x0891b2, 0x16a34a, 0xdc2626, 0x64748b};
    const QRect r = area.intersected(image.rect());
    int count = 0;
    for (int y = r.top(); y <= r.bottom(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = r.left(); x <= r.right(); ++x) {
            for (const QRgb a : accents) {
                // 72: a thin accent outline at a small zoom (the choice diamond, which has no
                // icon) is anti-aliased half-way to the background.
                if (colourDistance(line[x], a) <= 72) {
                    ++count;
                    break;
                }
            }
        }
    }
    return count;
}

bool xdotool(const QStringList &args, QString *output, QString *error)
{
    QProcess p;
    p.start(QStringLiteral("xdotool"), args);
    if (!p.waitForStarted(5000)) {
        if (error)
            *error = QStringLiteral("xdotool did not start: %1").arg(p.errorString());
        return false;
    }
    if (!p.waitForFinished(10000)) {
        p.kill();
        p.waitForFinished(2000);
        if (error)
            *error = QStringLiteral("xdotool %1 took over 10 s").arg(args.join(QLatin1Char(' ')));
        return false;
    }
    if (output)
        *output = QString::fromUtf8(p.readAllStandardOutput());
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        if (error)
            *error = QStringLiteral("xdotool %1 failed (%2): %3")
                         .arg(args.join(QLatin1Char(' ')))
                         .arg(p.exitCode())
                         .arg(QString::fromUtf8(p.readAllStandardError()));
        return false;
    }
    return true;
}

App::App(const Home &home, const QString &label)
    : m_home(home)
    , m_label(fileSafe(label))
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    QObject::connect(&m_process, &QProcess::readyRead, &m_process,
                     [this] { m_stderr += QString::fromUtf8(m_process.readAll()); });
}

App::~App()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    // The journey's App lives in its test function, which is still the current test here: a
    // QML script error anywhere in the journey fails it (Qt only prints them).
    const QString errors = scriptErrors();
    if (!errors.isEmpty() && !QTest::currentTestFailed())
        QTest::qFail(qPrintable(QStringLiteral("the app reported QML script errors:\n") + errors),
                     __FILE__, __LINE__);
}

bool App::fail(const QString &message)
{
    m_error = message;
    return false;
}

qint64 App::pid() const
{
    return m_process.processId();
}

bool App::isAlive() const
{
    return m_process.state() == QProcess::Running;
}

QString App::standardError() const
{
    const_cast<App *>(this)->m_stderr
        += QString::fromUtf8(const_cast<QProcess &>(m_process).readAll());
    return m_stderr;
}

QString App::deathReport(const QString &step) const
{
    QString how;
    if (m_process.exitStatus() == QProcess::CrashExit)
        how = QStringLiteral("the app crashed");
    else
        how = QStringLiteral("the app exited with code %1").arg(m_process.exitCode());
    return QStringLiteral("%1: %2. Its output:\n%3").arg(step, how, standardError());
}

bool App::checkAlive(const QString &step)
{
    QCoreApplication::processEvents();
    if (isAlive())
        return true;
    return fail(deathReport(step));
}

bool App::start(const QStringList &args)
{
    m_stderr.clear();
    m_window.clear();
    m_process.setProcessEnvironment(m_home.environment());
    m_process.setWorkingDirectory(m_home.documents());
    m_process.setChildProcessModifier([] { prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_process.start(binary(), args);
    if (!m_process.waitForStarted(10000))
        return fail(QStringLiteral("signalbox did not start: %1").arg(m_process.errorString()));
    const QString pidText = QString::number(m_process.processId());
    const bool mapped = waitUntil(
        [&] {
            if (!isAlive())
                return true;
            QString out;
            if (!xdotool({QStringLiteral("search"), QStringLiteral("--onlyvisible"),
                          QStringLiteral("--pid"), pidText},
                         &out))
                return false;
            const QStringList ids = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            if (ids.isEmpty())
                return false;
            m_window = ids.last().trimmed();
            return true;
        },
        30000);
    if (!isAlive())
        return fail(deathReport(QStringLiteral("starting signalbox")));
    if (!mapped)
        return fail(
            QStringLiteral("no visible window of signalbox (pid %1) within 30 s. Output:\n%2")
                .arg(pidText, standardError()));
    QString error;
    if (!xdotool({QStringLiteral("windowactivate"), QStringLiteral("--sync"), m_window}, nullptr,
                 &error))
        return fail(QStringLiteral("cannot activate the signalbox window: ") + error);
    // Qt joins the accessibility bus shortly after the window shows.
    QString busError;
    if (!waitUntil(
            [&] {
                return !isAlive() || !Accessibility::snapshot(pid(), true, &busError).isEmpty();
            },
            20000))
        return fail(QStringLiteral("signalbox is not on the accessibility bus 20 s after its "
                                   "window mapped: ")
                    + busError);
    return checkAlive(QStringLiteral("starting signalbox"));
}

bool App::close()
{
    if (!isAlive())
        return true;
    xdotool({QStringLiteral("windowactivate"), QStringLiteral("--sync"), m_window});
    key(QStringLiteral("alt+F4"));
    if (!m_process.waitForFinished(10000))
        return fail(QStringLiteral("signalbox still runs 10 s after Alt+F4 (a dialog may be "
                                   "open). Accessibility tree:\n")
                    + report(tree()));
    const QString errors = scriptErrors();
    if (!errors.isEmpty())
        return fail(QStringLiteral("the app reported QML script errors:\n") + errors);
    return true;
}

QString App::scriptErrors() const
{
    QStringList found;
    const QStringList lines = standardError().split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (Signalbox::Testing::qmlErrorPattern().match(line).hasMatch())
            found.append(line);
    }
    return found.join(QLatin1Char('\n'));
}

void App::kill9()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(m_process.processId()), SIGKILL);
    m_process.waitForFinished(5000);
}

QString App::windowTitle() const
{
    QString out;
    xdotool({QStringLiteral("getwindowname"), m_window}, &out);
    return out.trimmed();
}

QRect App::windowRect() const
{
    QString out;
    if (!xdotool({QStringLiteral("getwindowgeometry"), QStringLiteral("--shell"), m_window}, &out))
        return {};
    QRect r;
    for (const QString &line : out.split(QLatin1Char('\n'))) {
        const int v = line.section(QLatin1Char('='), 1).toInt();
        if (line.startsWith(QLatin1String("X=")))
            r.moveLeft(v);
        else if (line.startsWith(QLatin1String("Y=")))
            r.moveTop(v);
        else if (line.startsWith(QLatin1String("WIDTH=")))
            r.setWidth(v);
        else if (line.startsWith(QLatin1String("HEIGHT=")))
            r.setHeight(v);
    }
    return r;
}

bool App::resizeWindow(int width, int height)
{
    QString error;
    if (!xdotool({QStringLiteral("windowsize"), m_window, QString::number(width),
                  QString::number(height)},
                 nullptr, &error))
        return fail(error);
    if (!waitUntil([&] { return windowRect().size() == QSize(width, height); }, 10000))
        return fail(QStringLiteral("the window is %1x%2 10 s after asking for %3x%4")
                        .arg(windowRect().width())
                        .arg(windowRect().height())
                        .arg(width)
                        .arg(height));
    return checkAlive(QStringLiteral("resizing to %1x%2").arg(width).arg(height));
}

bool App::key(const QString &chord)
{
    QString error;
    if (!xdotool({QStringLiteral("key"), QStringLiteral("--clearmodifiers"), chord}, nullptr,
                 &error))
        return fail(error);
    QThread::msleep(50);
    return checkAlive(QStringLiteral("pressing ") + chord);
}

bool App::type(const QString &text)
{
    QString error;
    if (!xdotool({QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("30"), text},
                 nullptr, &error))
        return fail(error);
    return checkAlive(QStringLiteral("typing ") + text);
}

bool App::click(const QPoint &p, int button, int repeat)
{
    QString error;
    // No --sync: it waits forever when the pointer is already there. The move and the click go
    // through one X connection, in order.
    if (!xdotool({QStringLiteral("mousemove"), QString::number(p.x()), QString::number(p.y()),
                  QStringLiteral("sleep"), QStringLiteral("0.05"), QStringLiteral("click"),
                  QStringLiteral("--repeat"), QString::number(repeat), QStringLiteral("--delay"),
                  QStringLiteral("80"), QString::number(button)},
                 nullptr, &error))
        return fail(error);
    QThread::msleep(50);
    return checkAlive(QStringLiteral("clicking at %1,%2").arg(p.x()).arg(p.y()));
}

bool App::scroll(const QPoint &p, bool up, int notches)
{
    return click(p, up ? 4 : 5, notches);
}

bool App::drag(const QPoint &from, const QPoint &to)
{
    QStringList args{QStringLiteral("mousemove"), QString::number(from.x()),
                     QString::number(from.y()),   QStringLiteral("sleep"),
                     QStringLiteral("0.05"),      QStringLiteral("mousedown"),
                     QStringLiteral("1")};
    for (int i = 1; i <= 10; ++i) {
        const QPoint p = from + (to - from) * i / 10;
        args << QStringLiteral("sleep") << QStringLiteral("0.03") << QStringLiteral("mousemove")
             << QString::number(p.x()) << QString::number(p.y());
    }
    args << QStringLiteral("sleep") << QStringLiteral("0.1") << QStringLiteral("mouseup")
         << QStringLiteral("1");
    QString error;
    if (!xdotool(args, nullptr, &error))
        return fail(error);
    return checkAlive(QStringLiteral("dragging"));
}

QList<AccessibleNode> App::tree() const
{
    return Accessibility::snapshot(pid());
}

std::optional<AccessibleNode> App::findIf(const std::function<bool(const AccessibleNode &)> &match,
                                          const QString &what, int ms)
{
    std::optional<AccessibleNode> found;
    QList<AccessibleNode> last;
    QString treeError;
    waitUntil(
        [&] {
            if (!isAlive())
                return true;
            last = Accessibility::snapshot(pid(), true, &treeError);
            for (const auto &n : std::as_const(last)) {
                if (n.showing && match(n)) {
                    found = n;
                    return true;
                }
            }
            return false;
        },
        ms);
    if (!isAlive()) {
        fail(deathReport(QStringLiteral("waiting for ") + what));
        return std::nullopt;
    }
    if (!found)
        fail(QStringLiteral("waited %1 ms for %2; %3 the accessibility tree:\n%4")
                 .arg(ms)
                 .arg(what, treeError, report(last)));
    return found;
}

static bool nameMatches(const QString &pattern, const QString &name)
{
    if (pattern.startsWith(QLatin1Char('^')))
        return QRegularExpression(pattern).match(name).hasMatch();
    return pattern == name;
}

std::optional<AccessibleNode> App::find(const QString &role, const QString &name, int ms)
{
    return findIf(
        [&](const AccessibleNode &n) {
            return (role.isEmpty() || n.role == role) && nameMatches(name, n.name);
        },
        QStringLiteral("%1 \"%2\"").arg(role.isEmpty() ? QStringLiteral("an object") : role, name),
        ms);
}

bool App::waitGone(const QString &role, const QString &name, int ms)
{
    QList<AccessibleNode> last;
    const bool gone = waitUntil(
        [&] {
            if (!isAlive())
                return true;
            last = tree();
            for (const auto &n : std::as_const(last)) {
                if (n.showing && (role.isEmpty() || n.role == role) && nameMatches(name, n.name))
                    return false;
            }
            return true;
        },
        ms);
    if (!isAlive())
        return fail(deathReport(QStringLiteral("waiting for %1 \"%2\" to close").arg(role, name)));
    if (!gone)
        return fail(QStringLiteral("%1 \"%2\" still shows after %3 ms:\n%4")
                        .arg(role, name)
                        .arg(ms)
                        .arg(report(last)));
    return true;
}

bool App::clickOn(const QString &role, const QString &name, int ms)
{
    const auto node = find(role, name, ms);
    if (!node)
        return false;
    if (node->rect.isEmpty())
        return fail(QStringLiteral("%1 \"%2\" has no place on the screen").arg(role, name));
    return click(node->rect.center());
}

static bool sameNode(const AccessibleNode &a, const AccessibleNode &b)
{
    return a.role == b.role && a.name == b.name && a.rect == b.rect;
}

static bool isTextField(const AccessibleNode &n)
{
    return n.role == QLatin1String("text") || n.role == QLatin1String("entry")
           || n.role == QLatin1String("password text");
}

std::optional<FileDialogView> App::waitForFileDialog(const QList<AccessibleNode> &before, int ms)
{
    static const QStringList acceptNames{QStringLiteral("Save"), QStringLiteral("Open"),
                                         QStringLiteral("Export"), QStringLiteral("OK"),
                                         QStringLiteral("Choose")};
    FileDialogView view;
    QList<AccessibleNode> last;
    const bool found = waitUntil(
        [&] {
            if (!isAlive())
                return true;
            last = tree();
            QList<AccessibleNode> fresh;
            for (const auto &n : std::as_const(last)) {
                const bool old
                    = std::any_of(before.begin(), before.end(),
                                  [&](const AccessibleNode &b) { return sameNode(b, n); });
                if (!old && n.showing)
                    fresh.append(n);
            }
            bool accept = false, cancel = false;
            view.fileName.reset();
            for (const auto &n : std::as_const(fresh)) {
                if (n.role == QLatin1String("push button") && acceptNames.contains(n.name)) {
                    view.accept = n;
                    accept = true;
                } else if (n.role == QLatin1String("push button")
                           && n.name == QLatin1String("Cancel")) {
                    view.cancel = n;
                    cancel = true;
                } else if (isTextField(n) && !n.rect.isEmpty()) {
                    const bool named
                        = n.name.contains(QLatin1String("file name"), Qt::CaseInsensitive);
                    if (!view.fileName || named)
                        view.fileName = n;
                }
            }
            return accept && cancel;
        },
        ms);
    if (!isAlive()) {
        fail(deathReport(QStringLiteral("waiting for a file dialog")));
        return std::nullopt;
    }
    if (!found) {
        fail(QStringLiteral("no file dialog (new Cancel and Save/Open buttons) within %1 ms; the "
                            "accessibility tree:\n%2")
                 .arg(ms)
                 .arg(report(last)));
        return std::nullopt;
    }
    return view;
}

bool App::chooseFile(const FileDialogView &dialog, const QString &text)
{
    if (!dialog.fileName)
        return fail(QStringLiteral("the file dialog has no field to type a file name in"));
    if (!click(dialog.fileName->rect.center()) || !key(QStringLiteral("ctrl+a")) || !type(text)
        || !key(QStringLiteral("Return")))
        return false;
    // Closed: its Cancel button is gone.
    QList<AccessibleNode> last;
    const bool closed = waitUntil(
        [&] {
            if (!isAlive())
                return true;
            last = tree();
            return std::none_of(last.begin(), last.end(), [&](const AccessibleNode &n) {
                return n.showing && sameNode(n, dialog.cancel);
            });
        },
        10000);
    if (!isAlive())
        return fail(
            deathReport(QStringLiteral("choosing ") + text + QStringLiteral(" in a file dialog")));
    if (!closed)
        return fail(
            QStringLiteral("the file dialog is still open 10 s after typing %1 and Enter:\n%2")
                .arg(text, report(last)));
    return true;
}

std::optional<CanvasView> App::canvas(int ms)
{
    const auto area = find(QString(), QStringLiteral("Workflow diagram"), ms);
    if (!area)
        return std::nullopt;
    CanvasView view;
    view.canvas = area->rect;
    view.minimap
        = QRect(area->rect.right() - 12 - 180 + 1, area->rect.bottom() - 12 - 120 + 1, 180, 120);
    for (const auto &n : tree()) {
        if (n.name == QLatin1String("Minimap") && n.showing && !n.rect.isEmpty())
            view.minimap = n.rect;
    }
    return view;
}

QString App::report(const QList<AccessibleNode> &nodes)
{
    // The screen and the whole tree go to files; the message keeps what is on top.
    const QImage shot = screenshot(QStringLiteral("failure"));
    Q_UNUSED(shot)
    const QString file = QStringLiteral("%1/journey-%2-%3-failure-tree.txt")
                             .arg(screenshotDir(), m_label)
                             .arg(m_shot, 2, 10, QLatin1Char('0'));
    QFile out(file);
    const QString text = Accessibility::dump(nodes);
    if (out.open(QIODevice::WriteOnly))
        out.write(text.toUtf8());
    QStringList lines = text.split(QLatin1Char('\n'));
    const int total = lines.size();
    if (total > 25)
        lines = lines.mid(0, 25);
    return QStringLiteral("(screen and full tree of %1 lines: %2)\n%3")
        .arg(total)
        .arg(file, lines.join(QLatin1Char('\n')));
}

QImage App::screenshot(const QString &step)
{
    QScreen *screen = QGuiApplication::primaryScreen();
    QImage image
        = screen ? screen->grabWindow(0).toImage().convertToFormat(QImage::Format_RGB32) : QImage();
    const QString file = QStringLiteral("%1/journey-%2-%3-%4.png")
                             .arg(screenshotDir(), m_label)
                             .arg(++m_shot, 2, 10, QLatin1Char('0'))
                             .arg(fileSafe(step));
    image.save(file);
    // What a screen reader saw at the same moment, beside the picture.
    QFile tree(file.chopped(4) + QStringLiteral(".txt"));
    if (isAlive() && tree.open(QIODevice::WriteOnly))
        tree.write(Accessibility::dump(Accessibility::snapshot(pid())).toUtf8());
    return image;
}

QImage App::settledScreenshot(const QString &step, int ms)
{
    QScreen *screen = QGuiApplication::primaryScreen();
    QImage previous;
    QElapsedTimer timer;
    timer.start();
    while (screen && timer.elapsed() < 10000) {
        const QImage now = screen->grabWindow(0).toImage().convertToFormat(QImage::Format_RGB32);
        if (!previous.isNull() && now == previous)
            break;
        previous = now;
        waitUntil([] { return false; }, ms);
    }
    return screenshot(step);
}

} // namespace Journey
