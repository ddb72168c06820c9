// Which MIME type a file manager gives workflow files once the package's shared-mime-info
// definition is installed. Builds a MIME database from the system's freedesktop.org.xml and the
// packaged XML (SIGNALBOX_MIME_XML) with update-mime-database, points XDG_DATA_DIRS at it and
// asks QMimeDatabase, which reads the same files as KDE's file manager (GLib's xdgmime, used by
// GNOME's, applies the same glob rules).
#include <QFile>
#include <QMimeDatabase>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestMimeType : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_data;     // XDG data dir holding mime/
    QTemporaryDir m_files;    // sample files
    const QString m_type = QStringLiteral("application/x-signalbox-workflow+yaml");

    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = m_files.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(content);
        return path;
    }

private slots:
    void initTestCase()
    {
        const QString xml = qEnvironmentVariable("SIGNALBOX_MIME_XML");
        QVERIFY2(QFile::exists(xml), qPrintable("SIGNALBOX_MIME_XML: no file " + xml));
        const QString packages = m_data.filePath(QStringLiteral("mime/packages"));
        QVERIFY(QDir().mkpath(packages));
        QVERIFY(QFile::copy(QStringLiteral("/usr/share/mime/packages/freedesktop.org.xml"),
                            packages + QStringLiteral("/freedesktop.org.xml")));
        QVERIFY(QFile::copy(xml, packages + QStringLiteral("/io.signalbox.Signalbox.xml")));
        QProcess update;
        update.start(QStringLiteral("update-mime-database"),
                     {m_data.filePath(QStringLiteral("mime"))});
        QVERIFY2(update.waitForFinished(60000), "update-mime-database (shared-mime-info) did not run");
        QCOMPARE(update.exitCode(), 0);
        // Before the first QMimeDatabase: it reads the directories once.
        qputenv("XDG_DATA_DIRS", m_data.path().toLocal8Bit());
        qputenv("XDG_DATA_HOME", m_data.filePath(QStringLiteral("nonexistent")).toLocal8Bit());
        QVERIFY(QMimeDatabase().mimeTypeForName(m_type).isValid());
    }

    void workflowFiles_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("*.signalbox.yaml") << "order-approval.signalbox.yaml" << m_type;
        QTest::newRow("*.signalbox.yml") << "order-approval.signalbox.yml" << m_type;
        // Every other YAML file keeps its own type, even one holding a workflow.
        QTest::newRow("*.yaml") << "order-approval.yaml" << "application/x-yaml";
        QTest::newRow("*.yml") << "config.yml" << "application/x-yaml";
        QTest::newRow("signalbox.yaml") << "signalbox.yaml" << "application/x-yaml";
    }

    void workflowFiles()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const QString path = write(name, "workflow:\n  name: order-approval\n  start: a\n");
        QVERIFY(!path.isEmpty());
        QMimeDatabase db;
        QCOMPARE(db.mimeTypeForFile(path).name(), expected);
        QCOMPARE(db.mimeTypeForFile(name, QMimeDatabase::MatchExtension).name(), expected);
    }

    void typeDetails()
    {
        const QMimeType t = QMimeDatabase().mimeTypeForName(m_type);
        QCOMPARE(t.comment(), QStringLiteral("Signalbox workflow"));
        QVERIFY(t.inherits(QStringLiteral("application/x-yaml")));
        QVERIFY(t.inherits(QStringLiteral("text/plain"))); // text editors can open it
        QCOMPARE(t.iconName(), QStringLiteral("io.signalbox.Signalbox"));
        QCOMPARE(t.preferredSuffix(), QStringLiteral("signalbox.yaml"));
    }
};

QTEST_GUILESS_MAIN(TestMimeType)
#include "tst_mimetype.moc"
