import { ArrowLeftOutlined, ReloadOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { Button, Card, Descriptions, Empty, Space, Spin, Tag, Timeline, Typography } from "antd";
import dayjs from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { ApiError, api, isAbort } from "../lib/api";
import { useApiError } from "../lib/feedback";
import {
  type CaseTimeline,
  checkCheckpointState,
  type VerifyState,
  verifyTimelineEntry,
} from "../lib/ledger";
import { CheckpointInfo } from "./CheckpointInfo";
import { VerifySummary, VerifyTag } from "./VerifyStatus";

const dotColor = (s: VerifyState | undefined) =>
  s?.state === "ok" ? "green" : s?.state === "failed" ? "red" : s?.state === "pending" ? "orange" : "blue";

/** A case's full-process record in the order it happened, each step checkable in the browser. */
export const CaseTimelineView = ({ caseId, onBack }: { caseId: string; onBack: () => void }) => {
  const showError = useApiError();
  const [timeline, setTimeline] = useState<CaseTimeline | null | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const [states, setStates] = useState<Record<number, VerifyState>>({});
  const [signature, setSignature] = useState<VerifyState | undefined>(undefined);
  const [summary, setSummary] = useState<VerifyState[] | undefined>(undefined);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload
  useEffect(() => {
    const ctrl = new AbortController();
    setTimeline(undefined);
    setStates({});
    setSignature(undefined);
    setSummary(undefined);
    api
      .get<CaseTimeline>(`/cases/${caseId}/timeline`, undefined, { signal: ctrl.signal })
      .then(setTimeline)
      .catch((err) => {
        if (isAbort(err)) return;
        if (err instanceof ApiError && err.status === 404) setTimeline(null);
        else {
          setTimeline(null);
          showError(err);
        }
      });
    return () => ctrl.abort();
  }, [caseId, tick, showError]);

  const verify = useCallback(async () => {
    if (!timeline) return;
    const checking = Object.fromEntries(
      timeline.entries.map((e) => [e.id, { state: "checking" } as VerifyState]),
    );
    setStates(checking);
    setSummary(Object.values(checking));
    const checked = await checkCheckpointState(timeline.checkpoint, timeline.agencyId);
    setSignature(checked.ok ? { state: "ok" } : checked.state);
    const results: Record<number, VerifyState> = {};
    for (const e of timeline.entries)
      results[e.id] = checked.ok
        ? await verifyTimelineEntry(e, timeline.agencyId, checked.checkpoint)
        : checked.state;
    setStates(results);
    setSummary(Object.values(results));
  }, [timeline]);

  return (
    <Card
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={onBack} aria-label="返回记录列表" />
          案件时间线
        </Space>
      }
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)}>
            刷新
          </Button>
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            disabled={!timeline}
            onClick={() => void verify()}
            data-testid="verify-timeline"
          >
            核验
          </Button>
        </Space>
      }
      data-testid="case-timeline"
    >
      {timeline === undefined ? (
        <Spin />
      ) : timeline === null ? (
        <Empty description={`未找到案件 ${caseId} 的全过程记录，或您无权查看`} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: "100%" }}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="案件编号">
              <Typography.Text code copyable>
                {timeline.caseId}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="所属机关">{timeline.agencyName}</Descriptions.Item>
            <Descriptions.Item label="记录条数">{timeline.entries.length} 条</Descriptions.Item>
          </Descriptions>
          <Card size="small" title="最新签名检查点">
            <CheckpointInfo checkpoint={timeline.checkpoint} signature={signature} />
          </Card>
          <VerifySummary states={summary} what="本案" />
          <Timeline
            titleSpan={5}
            items={timeline.entries.map((e) => ({
              key: e.id,
              color: dotColor(states[e.id]),
              title: dayjs(e.at).format("YYYY-MM-DD HH:mm:ss"),
              content: (
                <Space orientation="vertical" size={2}>
                  <Space wrap>
                    <Tag color="blue">{e.eventTypeLabel}</Tag>
                    <Typography.Text>{e.actorName ?? "系统"}</Typography.Text>
                    <Typography.Text type="secondary">
                      {e.seq === null ? "待编号" : `第 ${e.seq} 号记录`}
                    </Typography.Text>
                    <VerifyTag value={states[e.id]} />
                  </Space>
                  <Typography.Text code style={{ wordBreak: "break-all" }}>
                    {e.payload}
                  </Typography.Text>
                </Space>
              ),
            }))}
          />
        </Space>
      )}
    </Card>
  );
};
