import type { IssueAction, IssueSource, IssueState } from './issue-vocabulary.ts';

/** The workflow's words as the office's documents print them (the client's zh-CN texts say the same). */

export const STATE_NAMES: Record<IssueState, string> = { reported: '待交办', assigned: '已交办', in_progress: '整改中', rectified: '待复查', closed: '已销号', void: '已作废' };

export const SOURCE_NAMES: Record<IssueSource, string> = {
  leader_supervision: '区级领导督导', regulator_joint_inspection: '行业监管联查', grid_patrol: '网格部门巡查', territorial_survey: '属地排查',
  city_feedback: '市级督查反馈', third_party_evaluation: '第三方测评', citizen_report: '市民反映', supervision_bulletin: '督查专报',
};

export const ACTION_NAMES: Record<IssueAction, string> = {
  report: '上报', dispatch: '交办', reassign: '改派', set_deadline: '调整期限', accept: '签收', send_back: '退回', submit_rectification: '提交整改',
  pass_inspection: '复查通过销号', fail_inspection: '复查不通过', request_extension: '申请延期', approve_extension: '批准延期', refuse_extension: '驳回延期',
  void: '作废', reopen: '重新打开', supervise: '督办',
};
