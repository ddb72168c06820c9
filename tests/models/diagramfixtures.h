// Workflows the diagram tests draw: every bundled example and a dense synthetic one (a choice
// with eight branches, catches on most states, a parallel whose branches hold a choice and a
// catch), as (name, YAML) pairs. Shared by tests/models and tests/qml.
#pragma once

#include <QDir>
#include <QFile>
#include <QList>
#include <QPair>
#include <QString>

namespace DiagramFixtures {

inline const char denseYaml[] = R"(workflow:
  name: dense
  start_at: intake
  states:
    intake:
      type: task
      run: {shell: cat}
      catch:
        - {errors: [States.Timeout], next: failed}
        - {errors: [States.TaskFailed, Intake.Rejected], next: recover}
      next: route
    route:
      type: choice
      choices:
        - {if: "$.kind == 'alpha' and $.size > 10", next: alpha}
        - {if: "$.kind == 'beta'", next: beta}
        - {if: "$.kind == 'gamma' or $.urgent", next: gamma}
        - {if: "$.kind == 'delta'", next: delta}
        - {if: "$.size > 1000", next: epsilon}
        - {if: "$.region == 'eu-west-1'", next: zeta}
        - {if: "$.retries >= 3", next: eta}
        - {if: "$.vip", next: theta}
      default: recover
    alpha:
      type: task
      run: {shell: cat}
      catch:
        - {errors: [States.Timeout], next: failed}
        - {errors: [Alpha.Broken, States.TaskFailed], next: recover}
      next: done
    beta:
      type: task
      run: {shell: cat}
      catch: [{errors: [Beta.Failed], next: recover}]
      next: done
    gamma:
      type: task
      run: {shell: cat}
      catch: [{errors: [States.ALL], next: failed}]
      next: done
    delta:
      type: wait
      seconds: 5
      next: done
    epsilon:
      type: task
      run: {shell: cat}
      catch: [{errors: [Epsilon.TooBig], next: recover}]
      next: done
    zeta:
      type: parallel
      branches:
        - start_at: check
          states:
            check:
              type: choice
              choices:
                - {if: "$.ok", next: fine}
                - {if: "$.warn", next: warn}
              default: broken
            fine: {type: succeed}
            warn: {type: pass, end: true}
            broken: {type: fail, error: Zeta.Broken}
        - start_at: work
          states:
            work:
              type: task
              run: {shell: cat}
              catch: [{errors: [Work.Failed], next: cleanup}]
              next: finish
            cleanup: {type: pass, next: finish}
            finish: {type: succeed}
      catch: [{errors: [States.ALL], next: failed}]
      next: done
    eta:
      type: task
      run: {shell: cat}
      catch: [{errors: [Eta.Failed], next: failed}]
      next: done
    theta:
      type: wait_for_event
      prompt: Approve?
      catch: [{errors: [Approval.Rejected], next: recover}]
      next: done
    recover:
      type: pass
      next: done
    done: {type: succeed}
    failed: {type: fail, error: Dense.Failed}
)";

inline QList<QPair<QString, QString>> workflows()
{
    QList<QPair<QString, QString>> out;
    const QDir dir(QStringLiteral(SIGNALBOX_SOURCE_DIR "/resources/examples"));
    for (const QFileInfo &fi :
         dir.entryInfoList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name)) {
        QFile f(fi.absoluteFilePath());
        if (f.open(QIODevice::ReadOnly))
            out.append({fi.baseName(), QString::fromUtf8(f.readAll())});
    }
    out.append({QStringLiteral("dense"), QString::fromUtf8(denseYaml)});
    return out;
}

} // namespace DiagramFixtures
