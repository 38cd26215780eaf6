import type { Messages } from './index';
const m: Messages = {
  'login.fill': { zh: '请输入账号和密码。', en: 'Enter your account and password.' },
  'login.noaccount': { zh: '还没有账号？', en: 'No account yet?' },
  'denied.title': { zh: '无权访问', en: 'Not allowed' },
  'notfound.title': { zh: '页面不存在', en: 'Page not found' },
  'notfound.body': { zh: '您要找的页面不存在或已移动。', en: 'The page you asked for does not exist or has moved.' },
  'home.standards': { zh: '浏览岗位能力标准', en: 'Browse the capability standards' },
  'home.verify': { zh: '查验证书真伪', en: 'Check a certificate' },
  'home.exam': { zh: '报名参加考试', en: 'Register for an exam' },
};
export default m;
