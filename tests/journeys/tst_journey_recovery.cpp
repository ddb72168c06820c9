// Journey 10: the app is killed (kill -9) after an edit, of an Untitled workflow and of a saved
// file; started again, it offers to recover the edit, and Recover brings it back.
#include "journey.h"

#include <QDirIterator>
#include <QFile>

using namespace Journey;

namespace {

// An autosaved copy (in an autosave folder anywhere under the account) that contains text. The
// account's own path contains this test's name ("…recovery…"), so only the folder name counts.
bool autosaved(const Home &home, const QString &text)
{
    QDirIterator it(home.root(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!path.mid(home.root().size()).contains(QLatin1String("/autosave/")))
            continue;
        QFile f(path);
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(text.toUtf8()))
            return true;
    }
    return false;
}

bool isPassNode(const AccessibleNode &n)
{
    return n.role == QLatin1String("push button") && n.name.startsWith(QLatin1String("Pass "))
           && !n.rect.isEmpty();
}

} // namespace

class JourneyRecovery : public QObject
{
    Q_OBJECT

    // Adds a Pass state from the palette and returns its name ("" with a failure message).
    QString addPassState(App &app)
    {
        const auto entry = app.find(QString(), QStringLiteral("Add Pass"));
        if (!entry || !app.click(entry->rect.center(), 1, 2))
            return {};
        const auto node = app.findIf(isPassNode, QStringLiteral("the new Pass state"));
        return node ? node->name.mid(5) : QString();
    }

    // Starts the app again after the crash, expects the recovery offer and takes it.
    void recoverAfterCrash(const Home &home, const QStringList &args, const QString &state,
                           const QString &label)
    {
        App again(home, label);
        JOURNEY_DO(again, start(args));
        const auto offer
            = again.find(QStringLiteral("push button"), QStringLiteral("Recover"), 15000);
        again.screenshot(QStringLiteral("offer"));
        QVERIFY2(offer, qPrintable(QStringLiteral("no recovery offered after the crash: ")
                                   + again.error()));
        JOURNEY_DO(again, click(offer->rect.center()));
        const auto node = again.findIf(
            [&](const AccessibleNode &n) { return isPassNode(n) && n.name.endsWith(state); },
            QStringLiteral("the recovered state ") + state);
        again.screenshot(QStringLiteral("recovered"));
        QVERIFY2(node, qPrintable(again.error()));
        JOURNEY_ALIVE(again, QStringLiteral("recovering"));
    }

private slots:
    void untitledEditSurvivesACrash()
    {
        Home home;
        QString state;
        {
            App app(home, QStringLiteral("crash-untitled"));
            JOURNEY_DO(app, start());
            JOURNEY_DO(app, key(QStringLiteral("ctrl+n")));
            state = addPassState(app);
            QVERIFY2(!state.isEmpty(), qPrintable(app.error()));
            QVERIFY2(waitUntil([&] { return autosaved(home, state); }, 15000),
                     "the edit was not autosaved within 15 s");
            app.screenshot(QStringLiteral("before-crash"));
            app.kill9();
        }
        recoverAfterCrash(home, {}, state, QStringLiteral("crash-untitled-restart"));
    }

    void savedFileEditSurvivesACrash()
    {
        Home home;
        const QString path = home.copyExample(QStringLiteral("order-approval.yaml"));
        QString state;
        {
            App app(home, QStringLiteral("crash-saved"));
            JOURNEY_DO(app, start({path}));
            state = addPassState(app);
            QVERIFY2(!state.isEmpty(), qPrintable(app.error()));
            QVERIFY2(waitUntil([&] { return autosaved(home, state); }, 15000),
                     "the edit was not autosaved within 15 s");
            app.kill9();
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains(state.toUtf8()), "the edit was saved to the file itself");
        recoverAfterCrash(home, {path}, state, QStringLiteral("crash-saved-restart"));
    }
};

JOURNEY_MAIN(JourneyRecovery)
#include "tst_journey_recovery.moc"
