import { Spin } from "antd";

export const FullPageSpin = () => (
  <div
    style={{
      display: "flex",
      height: "100%",
      minHeight: 240,
      alignItems: "center",
      justifyContent: "center",
    }}
  >
    <Spin size="large" />
  </div>
);
