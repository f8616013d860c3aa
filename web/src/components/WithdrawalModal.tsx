import { Input, Modal, Typography } from "antd";
import { type ReactNode, useState } from "react";

/**
 * Asks for the reason of a withdrawal from the public site (shown there in its place), or of
 * another reasoned removal (okText and placeholder name it). onWithdraw answers whether it
 * succeeded; the reason is then cleared (and on cancel).
 */
export function WithdrawalModal({
  open,
  title,
  note,
  okText = "撤回",
  placeholder = "撤回原因（必填）",
  onWithdraw,
  onCancel,
}: {
  open: boolean;
  title: string;
  note: ReactNode;
  okText?: string;
  placeholder?: string;
  onWithdraw: (reason: string) => Promise<boolean>;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState("");
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger: true, disabled: !reason.trim() }}
      onOk={() => void onWithdraw(reason.trim()).then((ok) => ok && setReason(""))}
      onCancel={() => {
        onCancel();
        setReason("");
      }}
    >
      <Typography.Paragraph>{note}</Typography.Paragraph>
      <Input.TextArea
        rows={3}
        maxLength={1000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={placeholder}
      />
    </Modal>
  );
}
