import { Alert, Button, Card, Descriptions, Space, Spin, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { ApiError, api } from "../../lib/api";
import { type DecisionVerification, type PublicDecision, verifyPublicDecision } from "../../lib/publicSite";

/**
 * 行政执法决定 (C13): the full masked text of one published decision (G6), the withdrawal reason when
 * withdrawn (G4), and a 核验 panel that checks the record in this browser (C7): 已验证 only when the
 * leaf rebuilt from the text shown, the inclusion proof and the checkpoint signature all check.
 */
export default function DecisionPage() {
  const { id = "" } = useParams();
  const [decision, setDecision] = useState<PublicDecision | null>();
  const [error, setError] = useState<string>();
  const [check, setCheck] = useState<DecisionVerification | "checking">("checking");

  const load = useCallback(async () => {
    setCheck("checking");
    try {
      const d = await api.get<PublicDecision>(`/public/decisions/${encodeURIComponent(id)}`);
      setDecision(d);
      setError(undefined);
      setCheck(await verifyPublicDecision(d));
    } catch (e) {
      setDecision(null);
      setError(e instanceof ApiError ? e.message : "无法读取该决定");
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  if (decision === undefined) return <Spin style={{ display: "block", margin: 48 }} />;
  if (decision === null)
    return (
      <Card>
        <Typography.Paragraph>{error}</Typography.Paragraph>
        <Link to="/public/decisions">返回决定列表</Link>
      </Card>
    );
  const d = decision;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: "normal" }}>
            {d.title}
          </Typography.Title>
        }
        extra={<Link to="/public/decisions">返回列表</Link>}
      >
        {d.withdrawnAt && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={`该决定的公示已于 ${new Date(d.withdrawnAt).toLocaleDateString("zh-CN")} 撤回`}
            description={`撤回原因：${d.withdrawalReason ?? ""}`}
            data-testid="withdrawal"
          />
        )}
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="决定书文号">{d.caseNumber}</Descriptions.Item>
          <Descriptions.Item label="执法机关">{d.agencyName}</Descriptions.Item>
          <Descriptions.Item label="当事人">{d.partyDisplay}</Descriptions.Item>
          {d.creditCode && <Descriptions.Item label="统一社会信用代码">{d.creditCode}</Descriptions.Item>}
          <Descriptions.Item label="执法领域">{d.field}</Descriptions.Item>
          <Descriptions.Item label="违法行为">{d.violation}</Descriptions.Item>
          <Descriptions.Item label="处罚内容">{d.penalty}</Descriptions.Item>
          <Descriptions.Item label="决定日期">{d.decidedOn}</Descriptions.Item>
          <Descriptions.Item label="公示日期">
            {new Date(d.publishedAt).toLocaleDateString("zh-CN")}
          </Descriptions.Item>
        </Descriptions>
        {d.body && (
          <Typography.Paragraph
            style={{ whiteSpace: "pre-wrap", marginTop: 16, lineHeight: 1.9 }}
            data-testid="decision-body"
          >
            {d.body}
          </Typography.Paragraph>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          依法公开的决定已隐去自然人的姓名、身份证号码、电话号码和住址等个人信息。
        </Typography.Paragraph>
      </Card>
      <VerifyPanel decision={d} check={check} onRecheck={() => void load()} />
    </Space>
  );
}

function VerifyPanel({
  decision: d,
  check,
  onRecheck,
}: {
  decision: PublicDecision;
  check: DecisionVerification | "checking";
  onRecheck: () => void;
}) {
  const l = d.ledger;
  return (
    <Card title="核验" data-testid="verify-panel" extra={<Button onClick={onRecheck}>重新核验</Button>}>
      <div data-testid="verify-result" style={{ marginBottom: 12 }}>
        {check === "checking" && (
          <Space>
            <Spin size="small" />
            正在核验…
          </Space>
        )}
        {check !== "checking" && check.state === "verified" && (
          <Alert
            type="success"
            showIcon
            title="已验证"
            description="本页所示的决定内容与执法机关全过程记录中的公示记录一致：由本页内容在浏览器中计算的哈希经包含证明得到检查点的根哈希，检查点的签名经机关公钥核验有效。"
          />
        )}
        {check !== "checking" && check.state === "failed" && (
          <Alert type="error" showIcon title="验证失败" description={check.reason} />
        )}
        {check !== "checking" && check.state === "pending" && (
          <Alert
            type="info"
            showIcon
            title="正在生成证明"
            description="该公示记录尚未纳入机关签名的检查点，稍后刷新即可核验。"
          />
        )}
        {check !== "checking" && check.state === "withdrawn" && (
          <Alert type="warning" showIcon title="已撤回的决定不再核验其内容（撤回本身记录在全过程记录中）" />
        )}
      </div>
      {l && (
        <Descriptions column={1} size="small">
          <Descriptions.Item label="记录序号">{l.seq}</Descriptions.Item>
          <Descriptions.Item label="记录时间">{new Date(l.at).toLocaleString("zh-CN")}</Descriptions.Item>
          <Descriptions.Item label="检查点">
            规模 {l.checkpoint.treeSize}，签名于 {new Date(l.checkpoint.at).toLocaleString("zh-CN")}
          </Descriptions.Item>
          <Descriptions.Item label="根哈希">
            <Typography.Text code style={{ wordBreak: "break-all" }}>
              {l.checkpoint.rootHash}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="公钥标识">
            <Tag>{l.checkpoint.keyId}</Tag>
          </Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        核验完全在您的浏览器中进行（SHA-256、Ed25519）。机关公钥与签名检查点公开发布：
        <a href={`/api/v1/ledger/keys?agencyId=${d.agencyId}`} target="_blank" rel="noreferrer">
          机关公钥
        </a>
        、
        <a href={`/api/v1/ledger/checkpoints/latest?agencyId=${d.agencyId}`} target="_blank" rel="noreferrer">
          最新签名检查点
        </a>
        {l && (
          <>
            、
            <a
              href={`/api/v1/ledger/proofs/inclusion?agencyId=${d.agencyId}&seq=${l.seq}&treeSize=${l.treeSize}`}
              target="_blank"
              rel="noreferrer"
            >
              包含证明
            </a>
          </>
        )}
        ，可用任何符合 RFC 9162 的工具独立核验。
      </Typography.Paragraph>
    </Card>
  );
}
