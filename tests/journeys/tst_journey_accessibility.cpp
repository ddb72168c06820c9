// What a screen reader sees: every control a person can operate in each place of the window, and
// in a state's inspector, has a role and a name (AT-SPI, as Orca reads it). A button drawn as "+"
// or a field under a caption is only usable without sight when its name says what it does.
#include "journey.h"

#include <QSet>

using namespace Journey;

namespace {

// Roles of the controls a person operates (AT-SPI role names).
bool isControl(const AccessibleNode &node)
{
    static const QSet<QString> roles{QStringLiteral("push button"), QStringLiteral("toggle button"),
                                     QStringLiteral("check box"),   QStringLiteral("radio button"),
                                     QStringLiteral("combo box"),   QStringLiteral("text"),
                                     QStringLiteral("spin button"), QStringLiteral("page tab"),
                                     QStringLiteral("slider"),      QStringLiteral("entry")};
    return roles.contains(node.role);
}

// Showing controls (on the screen, with a size) without a name, described for the failure.
QStringList unnamedControls(const QList<AccessibleNode> &tree)
{
    QStringList unnamed;
    QList<QString> ancestors; // roles of the current node's ancestors, by depth
    for (const AccessibleNode &node : tree) {
        ancestors.resize(node.depth);
        const bool insideComboBox = ancestors.contains(QStringLiteral("combo box"));
        ancestors.append(node.role);
        // A combo box's text is part of it: a screen reader reads the box's name and value.
        if (!node.showing || node.rect.isEmpty() || !isControl(node) || insideComboBox)
            continue;
        if (node.name.trimmed().isEmpty())
            unnamed.append(QStringLiteral("%1 at %2,%3 %4x%5%6")
                               .arg(node.role)
                               .arg(node.rect.x())
                               .arg(node.rect.y())
                               .arg(node.rect.width())
                               .arg(node.rect.height())
                               .arg(node.text.isEmpty()
                                        ? QString()
                                        : QStringLiteral(" text=\"%1\"").arg(node.text.left(40))));
    }
    return unnamed;
}

} // namespace

class JourneyAccessibility : public QObject
{
    Q_OBJECT

private slots:
    void everyControlHasAName()
    {
        Home home;
        QVERIFY(home.isValid());
        const QString file = home.copyExample(QStringLiteral("order-approval.yaml"));
        App app(home, QStringLiteral("accessibility"));
        JOURNEY_DO(app, start({file}));

        QStringList problems;
        const auto look = [&](const QString &where) {
            const QStringList unnamed = unnamedControls(app.tree());
            for (const QString &u : unnamed)
                problems.append(where + QStringLiteral(": ") + u);
        };
        look(QStringLiteral("Design"));
        // A state's inspector (Tab on the canvas selects the first state, Enter edits it).
        auto view = app.canvas();
        QVERIFY2(view, qPrintable(app.error()));
        JOURNEY_DO(app, click(view->canvas.topLeft() + QPoint(20, 20)));
        JOURNEY_DO(app, key(QStringLiteral("Tab")));
        JOURNEY_DO(app, key(QStringLiteral("Return")));
        QTest::qWait(300);
        look(QStringLiteral("Design, inspector of a task"));
        for (const QString &place : {QStringLiteral("Runs"), QStringLiteral("Approvals")}) {
            JOURNEY_DO(app, clickOn(QString(), place));
            QTest::qWait(300);
            look(place);
        }
        app.screenshot(QStringLiteral("approvals"));
        JOURNEY_ALIVE(app, QStringLiteral("walking the places"));
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 controls without a name:\n  %2")
                                                    .arg(problems.size())
                                                    .arg(problems.join(QStringLiteral("\n  ")))));
    }
};

JOURNEY_MAIN(JourneyAccessibility)
#include "tst_journey_accessibility.moc"
