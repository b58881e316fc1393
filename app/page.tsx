import Link from 'next/link';
import { SiteHeader } from './_components/site-header';

const BENEFITS = [
  { title: '免技能培训费用', text: '参加区人社部门组织的创业培训、职业技能培训，免收培训费用。' },
  { title: '免企业开办手续费', text: '在开州注册登记经营主体，开办环节的手续费用予以免除。' },
  { title: '免国有资产租金', text: '入驻国有资产经营场所的，经审核可免 3—6 个月租金。' },
  { title: '创业担保贷款贴息', text: '符合条件的创业担保贷款，按政策给予最长 2 年的财政贴息。' },
  { title: '失业保险补贴', text: '吸纳就业、稳定岗位的返乡创业企业，可享受失业保险相关补贴（稳岗返还）。' },
  { title: '推荐产业项目', text: '结合本地产业布局，向返乡创业人员推荐适合的产业项目。' },
  { title: '推荐就业岗位', text: '为创业企业推荐求职人员，为有需要的人员推荐就业岗位。' },
];

const GROUPS = [
  '城镇登记失业人员', '就业困难人员', '复员转业退役军人', '刑满释放人员', '高校毕业生（含大学生村官、留学回国学生）',
  '化解过剩产能企业职工和失业人员', '返乡创业农民工', '网络商户', '脱贫人口', '农村自主创业农民',
];

const STEPS = ['在线注册并实名', '填写申请、上传材料', '人社部门资格审核', '担保机构担保审核', '经办银行审批放款', '按季贴息、到期还款'];

export default function HomePage() {
  return (
    <>
      <SiteHeader
        right={
          <Link href="/login" className="rounded-md bg-white/10 px-3 py-1.5 text-sm hover:bg-white/20">
            登录
          </Link>
        }
      />
      <main>
        <section className="bg-gradient-to-b from-brand-800 to-brand-600 text-white">
          <div className="mx-auto max-w-6xl px-4 py-10 sm:py-16">
            <h1 className="text-2xl font-bold leading-snug sm:text-4xl">返乡创业，政策助力</h1>
            <p className="mt-3 max-w-2xl text-brand-50 sm:text-lg">
              创业担保贷款在线申请，个人最高可贷 50 万元、合伙创业每人 55 万元、小微企业最高 600 万元，
              符合条件的给予财政贴息。开州区“三免两贴两推荐”政策一并申请、一网通办。
            </p>
            <div className="mt-6 flex flex-wrap gap-3">
              <Link href="/register" className="btn bg-white text-brand-800 hover:bg-brand-50">立即注册申请</Link>
              <Link href="/login" className="btn border border-white/60 text-white hover:bg-white/10">已有账号，登录</Link>
            </div>
            <p className="mt-4 text-xs text-brand-100">额度、利率与贴息以签约时有效的政策和审核结果为准。</p>
          </div>
        </section>

        <section className="mx-auto max-w-6xl px-4 py-10">
          <h2 className="text-xl font-semibold">创业担保贷款</h2>
          <div className="mt-4 grid gap-4 sm:grid-cols-3">
            <div className="card">
              <h3 className="font-medium text-brand-700">个人创业</h3>
              <p className="mt-2 text-sm text-slate-600">最高 50 万元，期限最长 3 年；10 万元以下一般免除反担保。</p>
            </div>
            <div className="card">
              <h3 className="font-medium text-brand-700">合伙创业</h3>
              <p className="mt-2 text-sm text-slate-600">按合伙人数每人最高 55 万元，合计最高 600 万元。</p>
            </div>
            <div className="card">
              <h3 className="font-medium text-brand-700">小微企业</h3>
              <p className="mt-2 text-sm text-slate-600">最高 600 万元，期限最长 2 年；当年新招用符合条件人员达到规定比例。</p>
            </div>
          </div>
          <h3 className="mt-8 font-medium">哪些人可以申请</h3>
          <ul className="mt-3 flex flex-wrap gap-2">
            {GROUPS.map((g) => (
              <li key={g} className="rounded-full bg-brand-50 px-3 py-1 text-sm text-brand-800">{g}</li>
            ))}
          </ul>
        </section>

        <section className="bg-white">
          <div className="mx-auto max-w-6xl px-4 py-10">
            <h2 className="text-xl font-semibold">开州“三免两贴两推荐”</h2>
            <p className="mt-2 text-sm text-slate-600">面向返乡创业人员的一揽子扶持政策，可在贷款申请中一并勾选。</p>
            <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
              {BENEFITS.map((b) => (
                <div key={b.title} className="card">
                  <h3 className="font-medium text-brand-700">{b.title}</h3>
                  <p className="mt-2 text-sm text-slate-600">{b.text}</p>
                </div>
              ))}
            </div>
          </div>
        </section>

        <section className="mx-auto max-w-6xl px-4 py-10">
          <h2 className="text-xl font-semibold">办理流程</h2>
          <ol className="mt-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
            {STEPS.map((s, i) => (
              <li key={s} className="card flex items-center gap-3 p-4">
                <span className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-brand-600 text-sm text-white">{i + 1}</span>
                <span className="text-sm">{s}</span>
              </li>
            ))}
          </ol>
          <p className="mt-6 text-sm text-slate-500">
            咨询：开州区就业和人才中心。各镇街公共就业服务窗口亦可代为受理。
          </p>
        </section>
      </main>
      <footer className="border-t border-slate-200 py-6 text-center text-xs text-slate-500">重庆市开州区人力资源和社会保障局 主办</footer>
    </>
  );
}
