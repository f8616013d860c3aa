import { App, Button, Card, Descriptions, Empty, Input, Rate, Space, Tag, Timeline, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { api } from "../lib/api";
import type { PublicStatus } from "../lib/complaints";
import { useApiError } from "../lib/feedback";

/** 办理进度查询: status and answer by tracking code, rating and reopen request (no login). */
export default function ComplaintStatusPage() {
  const [params, setParams] = useSearchParams();
  const [code, setCode] = useState(params.get("code") ?? "");
  const [status, setStatus] = useState<PublicStatus>();
  const [loading, setLoading] = useState(false);
  const [stars, setStars] = useState(0);
  const [reason, setReason] = useState("");
  const showError = useApiError();
  const { message } = App.useApp();

  const load = useCallback(
    async (c: string) => {
      if (!c.trim()) return;
      setLoading(true);
      try {
        setStatus(await api.get<PublicStatus>(`/public/complaints/${encodeURIComponent(c.trim())}`));
      } catch (e) {
        setStatus(undefined);
        showError(e);
      } finally {
        setLoading(false);
      }
    },
    [showError],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: load once for a code in the address
  useEffect(() => {
    const c = params.get("code");
    if (c) void load(c);
  }, []);

  const query = (c: string) => {
    setParams(c.trim() ? { code: c.trim() } : {});
    void load(c);
  };

  const rate = async () => {
    if (!status) return;
    try {
      await api.post(`/public/complaints/${status.trackingCode}/rating`, { rating: stars });
      message.success("感谢您的评价");
      await load(status.trackingCode);
    } catch (e) {
      showError(e);
    }
  };
  const reopen = async () => {
    if (!status) return;
    try {
      await api.post(`/public/complaints/${status.trackingCode}/reopen`, { reason });
      message.success("已提交重新办理申请");
      setReason("");
      await load(status.trackingCode);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card title="办理进度查询">
        <Input.Search
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onSearch={query}
          placeholder="请输入 10 位查询码"
          enterButton="查询"
          size="large"
          maxLength={20}
          loading={loading}
        />
      </Card>
      {status ? (
        <Card title={`查询码 ${status.trackingCode}`} data-testid="complaint-status">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="问题类别">{status.categoryName}</Descriptions.Item>
            <Descriptions.Item label="办理状态">
              <Tag color="blue">{status.statusName}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="承办单位">{status.unitName}</Descriptions.Item>
            <Descriptions.Item label="收到日期">{status.receivedOn}</Descriptions.Item>
            <Descriptions.Item label="答复期限">
              {status.answerDueOn ?? "待下一年度法定节假日安排公布后确定"}
            </Descriptions.Item>
            <Descriptions.Item label="答复">
              {status.publicAnswer ? (
                <Typography.Paragraph
                  style={{ whiteSpace: "pre-wrap", margin: 0 }}
                  data-testid="public-answer"
                >
                  {status.publicAnswer}
                  <br />
                  <Typography.Text type="secondary">（{status.answeredOn}）</Typography.Text>
                </Typography.Paragraph>
              ) : (
                <Typography.Text type="secondary">尚未答复</Typography.Text>
              )}
            </Descriptions.Item>
            {status.rating !== null && (
              <Descriptions.Item label="您的评价">
                <Rate disabled value={status.rating} />
              </Descriptions.Item>
            )}
          </Descriptions>
          <Timeline
            style={{ marginTop: 24 }}
            items={status.timeline.map((e, i) => ({ key: i, children: `${e.on} ${e.label}` }))}
          />
          {status.canRate && (
            <Card size="small" title="对答复满意吗？" style={{ marginBottom: 16 }}>
              <Space wrap>
                <Rate value={stars} onChange={setStars} />
                <Button type="primary" disabled={!stars} onClick={rate}>
                  提交评价
                </Button>
              </Space>
            </Card>
          )}
          {status.canReopen && (
            <Card size="small" title="对答复不满意，申请重新办理">
              <Input.TextArea
                rows={3}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={1000}
                placeholder="请说明不满意的理由（至少 5 个字）"
              />
              <Button style={{ marginTop: 8 }} danger disabled={reason.trim().length < 5} onClick={reopen}>
                申请重新办理
              </Button>
            </Card>
          )}
        </Card>
      ) : (
        !loading && <Empty description="输入查询码查看办理进度" />
      )}
    </Space>
  );
}
