// The PNG/SVG export draws what the canvas draws. Every bundled example and a dense synthetic
// workflow are rendered by DiagramRenderer at 1x and grabbed from the real canvas (DiagramCanvas
// at zoom 1, offscreen, Qt Quick's software renderer), and compared: each node's icon, each node
// as a whole and each edge label's pill must be similar within a tolerance. In the export, every
// state type's icon must differ from every other's (P was Pass and Parallel once).
#include "../common/qmlerrors.h"
#include "../models/diagramfixtures.h"
#include "application.h"
#include "containerlayout.h"
#include "diagramrenderer.h"
#include "diagramstyle.h"
#include "edgesmodel.h"
#include "graphcontroller.h"
#include "workflowdocument.h"

#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QtTest>

using namespace Signalbox;

namespace {

// Mean difference of two images over a rectangle, 0..255 per channel, at half the resolution:
// what is drawn where, forgiving the half-pixel differences of glyph positioning between Qt
// Quick's text and QPainter's.
qreal meanDifference(const QImage &a, const QImage &b, const QRect &rect)
{
    const QRect r = rect.intersected(a.rect()).intersected(b.rect());
    if (r.width() < 2 || r.height() < 2)
        return 255;
    const QSize half(r.width() / 2, r.height() / 2);
    const QImage p = a.copy(r).scaled(half, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    const QImage q = b.copy(r).scaled(half, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    qint64 sum = 0;
    for (int y = 0; y < half.height(); ++y)
        for (int x = 0; x < half.width(); ++x) {
            const QRgb u = p.pixel(x, y);
            const QRgb v = q.pixel(x, y);
            sum += std::abs(qRed(u) - qRed(v)) + std::abs(qGreen(u) - qGreen(v))
                   + std::abs(qBlue(u) - qBlue(v));
        }
    return qreal(sum) / (3.0 * half.width() * half.height());
}

// The icon's strokes: the pixels of `rect` that differ clearly from its corner (the disc or
// pill behind the icon), scaled to 24x24 so icons of different sizes compare.
QImage ink(const QImage &image, const QRect &rect)
{
    const QImage part
        = image.copy(rect).scaled(24, 24, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    const QRgb ground = part.pixel(0, 0);
    QImage mask(24, 24, QImage::Format_Grayscale8);
    for (int y = 0; y < 24; ++y)
        for (int x = 0; x < 24; ++x) {
            const QRgb p = part.pixel(x, y);
            const int d = std::abs(qRed(p) - qRed(ground)) + std::abs(qGreen(p) - qGreen(ground))
                          + std::abs(qBlue(p) - qBlue(ground));
            mask.setPixel(x, y, d > 90 ? 255 : 0);
        }
    return mask;
}

int inkCount(const QImage &mask)
{
    int n = 0;
    for (int y = 0; y < mask.height(); ++y)
        for (int x = 0; x < mask.width(); ++x)
            n += qGray(mask.pixel(x, y)) > 0;
    return n;
}

// Intersection over union of two masks.
qreal overlap(const QImage &a, const QImage &b)
{
    int both = 0;
    int either = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const bool p = qGray(a.pixel(x, y)) > 0;
            const bool q = qGray(b.pixel(x, y)) > 0;
            both += p && q;
            either += p || q;
        }
    return either ? qreal(both) / either : 1.0;
}

const char canvasQml[] = R"(
import QtQuick
import Signalbox
import Signalbox.Models

Window {
    id: window
    required property GraphController controller
    property alias canvas: canvas
    visible: true
    color: Theme.canvas
    DiagramCanvas {
        id: canvas
        anchors.fill: parent
        controller: window.controller
        bottomOverlay: 0
    }
}
)";

} // namespace

class TestDiagramExport : public QObject
{
    Q_OBJECT

    struct Grab
    {
        QImage canvas;
        QImage export_;
        QPointF origin; // scene point at pixel (0, 0)
    };

    // The canvas and the export of `yaml`, pixel for pixel over the same scene rectangle.
    static bool grab(const QString &yaml, WorkflowDocument *doc, Grab *out)
    {
        if (!doc->loadText(yaml, {}) || !doc->yamlError().isEmpty())
            return false;
        DiagramOptions options;
        options.scale = 1;
        const DiagramRenderer renderer(*doc, options);
        const QRectF scene = renderer.sceneRect();
        out->export_ = renderer.toImage().convertToFormat(QImage::Format_RGB32);
        out->origin = scene.topLeft();

        GraphController controller;
        controller.setDocument(doc);
        QQmlApplicationEngine engine;
        setupQmlEngine(&engine);
        engine.setInitialProperties(
            {{QStringLiteral("controller"), QVariant::fromValue(&controller)}});
        engine.loadData(canvasQml);
        if (engine.rootObjects().size() != 1)
            return false;
        auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
        window->resize(out->export_.size());
        if (!QTest::qWaitForWindowExposed(window))
            return false;
        QObject *canvas = window->property("canvas").value<QObject *>();
        canvas->setProperty("zoom", 1.0);
        canvas->setProperty("offset", -scene.topLeft());
        QSignalSpy frames(window, &QQuickWindow::frameSwapped);
        window->update();
        frames.wait(5000);
        out->canvas = window->grabWindow().convertToFormat(QImage::Format_RGB32);
        return out->canvas.size() == out->export_.size();
    }

private slots:
    void init() { Signalbox::Testing::failOnQmlErrors(); }
    void initTestCase()
    {
        Signalbox::Testing::failOnQmlErrors();
        QStandardPaths::setTestModeEnabled(true);
        QDir(QStringLiteral(SIGNALBOX_BUILD_DIR)).mkpath(QStringLiteral("screenshots"));
    }

    void exportLooksLikeTheCanvas_data()
    {
        QTest::addColumn<QString>("yaml");
        for (const auto &w : DiagramFixtures::workflows())
            QTest::newRow(qPrintable(w.first)) << w.second;
    }

    void exportLooksLikeTheCanvas()
    {
        QFETCH(QString, yaml);
        WorkflowDocument doc;
        Grab g;
        QVERIFY(grab(yaml, &doc, &g));
        const QString name = QString::fromLatin1(QTest::currentDataTag());
        g.canvas.save(
            QStringLiteral(SIGNALBOX_BUILD_DIR "/screenshots/compare-%1-canvas.png").arg(name));
        g.export_.save(
            QStringLiteral(SIGNALBOX_BUILD_DIR "/screenshots/compare-%1-export.png").arg(name));
        auto pixels = [&g](const QRectF &scene) {
            return scene.translated(-g.origin).toAlignedRect();
        };
        const SceneLayout scene(doc.definition(), doc.positions());
        for (const SceneNode &n : scene.nodes()) {
            // The icon (in its disc or pill), compared by colour and by the shape of its strokes.
            const QRectF icon = DiagramRenderer::iconRect(n);
            if (!icon.isEmpty()) {
                const QRect r = pixels(icon);
                const qreal diff = meanDifference(g.canvas, g.export_, r.adjusted(-4, -4, 4, 4));
                QVERIFY2(
                    diff < 12,
                    qPrintable(QStringLiteral("%1: icons differ by %2").arg(n.name).arg(diff)));
                const qreal same = overlap(ink(g.canvas, r), ink(g.export_, r));
                QVERIFY2(same > 0.6,
                         qPrintable(
                             QStringLiteral("%1: icon strokes overlap %2").arg(n.name).arg(same)));
            }
            // The whole node (a frame: its header), text included.
            const QRectF body = n.expanded
                                    ? QRectF(n.rect.topLeft(),
                                             QSizeF(n.rect.width(), ContainerLayout::headerHeight))
                                    : n.rect;
            const qreal diff = meanDifference(g.canvas, g.export_, pixels(body));
            QVERIFY2(diff < 10,
                     qPrintable(QStringLiteral("%1 differs by %2").arg(n.name).arg(diff)));
        }
        // Each edge label where the canvas has it, with the same text.
        for (const EdgesModel::Edge &e : EdgesModel::computeEdges(scene)) {
            if (e.label.isEmpty())
                continue;
            const qreal diff = meanDifference(g.canvas, g.export_, pixels(e.labelRect));
            QVERIFY2(diff < 14, qPrintable(QStringLiteral("label %1 of %2 > %3 differs by %4")
                                               .arg(e.label, e.from, e.to)
                                               .arg(diff)));
        }
    }

    void everyTypeHasItsOwnIcon()
    {
        // One state of each type; parallel and map drawn as frames with content.
        const char yaml[] = R"(workflow:
  name: types
  start_at: task
  states:
    task: {type: task, run: {shell: cat}, next: choice}
    choice:
      type: choice
      choices: [{if: "$.x", next: wait}]
      default: approval
    wait: {type: wait, seconds: 1, next: parallel}
    approval: {type: wait_for_event, next: parallel}
    parallel:
      type: parallel
      branches:
        - start_at: inner
          states:
            inner: {type: succeed}
      next: map
    map:
      type: map
      items_path: $.items
      processor:
        start_at: each
        states:
          each: {type: succeed}
      next: pass
    pass: {type: pass, next: succeed}
    succeed: {type: succeed}
    fail: {type: fail, error: X}
)";
        WorkflowDocument doc;
        Grab g;
        QVERIFY(grab(QString::fromUtf8(yaml), &doc, &g));
        const SceneLayout scene(doc.definition(), doc.positions());
        QHash<QString, QImage> icons; // by type
        for (const SceneNode &n : scene.nodes()) {
            if (n.depth > 0)
                continue;
            const QRectF icon = DiagramRenderer::iconRect(n);
            if (n.state->type == StateType::Choice) {
                QVERIFY(icon.isEmpty()); // a diamond is its own sign
                continue;
            }
            QVERIFY2(!icon.isEmpty(), qPrintable(n.name));
            icons.insert(QString::fromLatin1(stateTypeName(n.state->type)),
                         ink(g.export_, icon.translated(-g.origin).toAlignedRect()));
        }
        QCOMPARE(icons.size(), 8);
        const QStringList types = icons.keys();
        for (int i = 0; i < types.size(); ++i) {
            QVERIFY2(inkCount(icons[types[i]]) > 20, qPrintable(types[i] + " has no icon"));
            for (int j = i + 1; j < types.size(); ++j) {
                const qreal same = overlap(icons[types[i]], icons[types[j]]);
                QVERIFY2(same < 0.5, qPrintable(QStringLiteral("%1 and %2 look alike (%3)")
                                                    .arg(types[i], types[j])
                                                    .arg(same)));
            }
        }
    }
};

QTEST_MAIN(TestDiagramExport)
#include "tst_diagramexport.moc"
